"""Demo content: an open election of a neighbourhood council's board, by secret ballot of every confirmed account
(the demo citizen's to cast), and last year's vote on the name of the new park, closed, counted and published."""

from datetime import timedelta

from participe.core import demo_content
from participe.forms.models import Choice, Form, Question
from participe.modules.votations import services
from participe.modules.votations.models import Votation
from participe.projects.models import Project, Step

BALLOT = [
    ("single_choice", "Qui doit présider le conseil de quartier ?", ["Amina Diallo", "Bruno Lefèvre", "Chloé Martin"], {}),
    ("majority_judgment", "Jugez les projets du conseil pour l'année",
     ["Jardin partagé", "Fête de quartier", "Boîte à livres"], {"levels": 6}),
]


def load_demo(instance, accounts, now):
    _open_election(instance, accounts, now)
    _closed_vote(instance, accounts, now)


def _open_election(instance, accounts, now):
    project, _ = Project.objects.get_or_create(
        slug="conseil-de-quartier",
        defaults={"title": "Conseil de quartier du centre", "summary": "Élisez le bureau et choisissez les projets de l'année.",
                  "is_published": True},
    )
    step, created = Step.objects.get_or_create(
        project=project, slug="election-du-bureau",
        defaults={"type": "votation", "title": "Élection du bureau",
                  "starts_at": now - timedelta(days=1), "ends_at": now + timedelta(days=14)},
    )
    if not created:
        return
    form = Form.objects.create(title="Bulletin de l'élection du bureau")
    for position, (kind, title, labels, config) in enumerate(BALLOT, start=1):
        question = Question.objects.create(form=form, position=position, type=kind, title=title, required=True, config=config)
        Choice.objects.bulk_create(
            Choice(question=question, label=label, position=index, instance=instance) for index, label in enumerate(labels, start=1)
        )
    votation = Votation.objects.create(step=step, form=form, electorate=Votation.Electorate.ACCOUNTS, email_receipt=True)
    services.audit(votation, accounts.get("admin"), "created", electorate=votation.electorate)


NAMES = ["Parc des Sources", "Jardin Olympe-de-Gouges", "Parc de la Garonne"]
# The residents' choices (indexes in NAMES).
NAME_VOTES = [1, 1, 0, 1, 2, 1, 0]


def _closed_vote(instance, accounts, now):
    project, _ = Project.objects.get_or_create(
        slug="conseil-de-quartier",
        defaults={"title": "Conseil de quartier du centre", "summary": "Élisez le bureau et choisissez les projets de l'année.",
                  "is_published": True},
    )
    step, created = Step.objects.get_or_create(
        project=project, slug="nom-du-parc",
        defaults={"type": "votation", "title": "Le nom du nouveau parc (résultats)", "position": 0,
                  "starts_at": now - timedelta(days=1), "ends_at": now + timedelta(days=1)},  # open while people vote
    )
    if not created:
        return
    form = Form.objects.create(title="Bulletin : le nom du parc")
    question = Question.objects.create(form=form, position=1, type="single_choice", title="Quel nom pour le nouveau parc ?",
                                       required=True)
    choices = Choice.objects.bulk_create(
        Choice(question=question, label=label, position=index, instance=instance) for index, label in enumerate(NAMES, start=1)
    )
    votation = Votation.objects.create(step=step, form=form, electorate=Votation.Electorate.ACCOUNTS)
    services.audit(votation, accounts.get("admin"), "created", electorate=votation.electorate)
    for number, choice in enumerate(NAME_VOTES, start=1):
        services.cast_ballot(votation, {str(question.pk): {"choice": choices[choice].pk}}, account=demo_content.resident(number, now))
    closed_at = now - timedelta(days=120)
    Step.objects.filter(pk=step.pk).update(starts_at=closed_at - timedelta(days=14), ends_at=closed_at)
    votation = Votation.objects.select_related("step", "form").get(pk=votation.pk)
    services.compute_results(votation)
    services.publish_results(votation, accounts.get("admin"))
