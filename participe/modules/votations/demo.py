"""Demo content: an open election of a neighbourhood council's board, by secret ballot of every confirmed account."""

from datetime import timedelta

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
