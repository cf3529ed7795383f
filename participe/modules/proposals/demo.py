"""Demo content of the proposals module, each part its best case, idempotent (a part already there is left alone):

- the participatory budget 2027, whose vote is open: a newcomer fills a ballot within the envelope; residents have
  voted and commented already;
- the plan vélo's idea box, open: ideas on the map with their pictures, supported by residents;
- the participatory budget 2026, closed: counted ballots, results by the method of equal shares published (each
  voter sees how their share was spent), and the realisation of the winners followed up (progress steps with
  dates, a photo, a percentage, the budget spent).

Everything people do goes through the module's services (ballots, votes, comments, decisions), so the counters
shown are the rows'; rows written in bulk add their counters and participants the way the services do.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db.models import F

from participe.accounts.models import User
from participe.comments.services import post_comment
from participe.core import demo_content
from participe.exports.models import Job, JobStatus
from participe.exports.writers import iter_csv
from participe.images.demo import illustration
from participe.moderation import services as moderation
from participe.moderation.models import Reason
from participe.modules.proposals import analysis, ballots, publication
from participe.modules.proposals.exports import BallotExporter
from participe.modules.proposals.models import Category, Decision, ProgressStep, Proposal, ResultRun
from participe.participation.models import Status
from participe.participation.participants import note_participant
from participe.projects.models import Project, Step
from participe.site.models import District
from participe.votes.services import cast_vote

ENVELOPE = "150000"
NEIGHBOUR_EMAIL = "dominique@demo.participe.localhost"
CATEGORIES = [("Nature en ville", "#2a7a4f", "🌳"), ("Mobilités", "#1d4e89", "🚲"), ("Vivre ensemble", "#8a4b08", "🤝")]
# (title, summary, category, district slug, cost, latitude, longitude)
PROPOSALS = [
    ("Un verger partagé au parc des Sources", "Vingt arbres fruitiers plantés et entretenus avec les écoles.",
     "Nature en ville", "nord", 38000, "43.6205", "1.4370"),
    ("Des arceaux vélo devant chaque école", "Cent places pour les parents et les élèves.",
     "Mobilités", "centre", 24000, "43.6045", "1.4440"),
    ("Une boîte à livres par quartier", "Quatre boîtes fabriquées par un atelier d'insertion.",
     "Vivre ensemble", "rive-gauche", 6000, "43.5980", "1.4290"),
    ("Ombrager la place du marché", "Des voiles d'ombrage et six arbres pour les étés chauds.",
     "Nature en ville", "centre", 72000, "43.6030", "1.4480"),
    ("Un atelier de réparation de vélos", "Un local ouvert deux soirs par semaine, outils et bénévoles.",
     "Mobilités", "sud-est", 31000, "43.5890", "1.4620"),
    ("Des bancs et des fontaines le long du canal", "Douze bancs et deux fontaines d'eau potable.",
     "Vivre ensemble", "sud-est", 45000, "43.5930", "1.4560"),
]
# Residents' ballots in the open vote (indexes in PROPOSALS) and their comments (proposal index, text).
OPEN_BALLOTS = [(0, 1), (0, 2, 4), (1, 5)]
COMMENTS = [
    (0, "Les pommiers attireront les abeilles du rucher voisin : bonne idée pour les classes."),
    (1, "Devant l'école Jules-Ferry, les vélos sont attachés aux grilles faute d'arceaux."),
]

# The plan vélo's idea box: (title, summary, address, latitude, longitude, supporters).
IDEAS = [
    ("Une piste cyclable continue sur les boulevards", "Relier la gare au centre sans couper la circulation.",
     "Boulevard de Strasbourg, Toulouse", "43.6070", "1.4460", 3),
    ("Des parkings vélo sécurisés près des gares", "Des abris fermés, accessibles avec la carte de transport.",
     "Gare Matabiau, Toulouse", "43.6110", "1.4540", 2),
    ("Apprendre à rouler aux adultes", "Des séances gratuites le samedi matin, vélos prêtés.",
     "Prairie des Filtres, Toulouse", "43.5975", "1.4365", 1),
    ("Une rue scolaire devant chaque école", "La rue fermée aux voitures à l'entrée et à la sortie des classes.",
     "Rue de la Concorde, Toulouse", "43.6140", "1.4410", 2),
]

# The closed budget 2026: (title, summary, district slug, cost, latitude, longitude), ballots (indexes), winners'
# realisation (progress steps: title, text, months from the close to start and end, done, percentage, spent).
PAST_ENVELOPE = "60000"
PAST_PROPOSALS = [
    ("Un jardin de pluie rue des Lilas", "Un sol qui boit l'eau de pluie et fleurit toute l'année.",
     "nord", 18000, "43.6180", "1.4330"),
    ("Une aire de jeux inclusive au square Dupuy", "Des jeux accessibles aux enfants en fauteuil.",
     "centre", 35000, "43.6000", "1.4550"),
    ("Des composteurs de quartier", "Dix composteurs partagés, suivis par des guides composteurs.",
     "rive-gauche", 9000, "43.5960", "1.4270"),
    ("Un mur d'escalade au gymnase", "Un mur de dix mètres ouvert aux clubs et aux écoles.",
     "sud-est", 42000, "43.5900", "1.4600"),
]
PAST_BALLOTS = [(0, 2), (0, 1), (1, 2), (0, 2), (3,), (1,), (0, 1)]
REALISATION = [
    ("Études et concertation avec les riverains", "Le bureau d'études a rendu les plans, présentés en réunion publique.",
     1, 3, True, 20, 2500),
    ("Travaux", "Les entreprises sont au travail ; la fin du chantier est prévue au printemps.", 4, 7, False, 60, 11000),
    ("Inauguration", "Une fête de quartier pour l'ouverture.", 8, 8, False, None, None),
]


def _publish_in_bulk(instance, step, rows):
    """Proposals written in bulk, with the counters and participants the submission service would add."""
    created = Proposal.objects.bulk_create(rows)
    Step.objects.filter(pk=step.pk).update(contributions_count=F("contributions_count") + len(created))
    Project.objects.filter(pk=step.project_id).update(contributions_count=F("contributions_count") + len(created))
    for author_id in {p.author_id for p in created if p.author_id}:
        note_participant(User.objects.get(pk=author_id), step.project_id)
    return list(Proposal.objects.filter(step=step).order_by("pk"))


def load_demo(instance, accounts, now):
    _open_budget(instance, accounts, now)
    _idea_box(instance, accounts, now)
    _past_budget(instance, accounts, now)


def _open_budget(instance, accounts, now):
    project, _ = Project.objects.get_or_create(
        slug="budget-participatif",
        defaults={"title": "Budget participatif 2027", "type_label": "Budget participatif", "is_published": True,
                  "summary": "150 000 € pour des projets proposés par les habitantes et les habitants : votez pour les vôtres."},
    )
    step, created = Step.objects.get_or_create(
        project=project, slug="vote",
        defaults={
            "type": "collect", "title": "Vote des projets",
            "starts_at": now - timedelta(days=3), "ends_at": now + timedelta(days=21),
            "settings": {
                "vote": {"type": "budget", "budget": ENVELOPE, "rule": "greedy", "confirm": True},
                "fields": {"category": {"enabled": True}, "district": {"enabled": True},
                           "estimated_cost": {"enabled": True, "required": True}, "address": {"enabled": True}},
            },
        },
    )
    if not created:
        return
    categories = {
        name: Category.objects.create(step=step, name=name, colour=colour, icon=icon, position=position)
        for position, (name, colour, icon) in enumerate(CATEGORIES)
    }
    districts = {district.slug: district for district in District.objects.all()}
    proposals = _publish_in_bulk(instance, step, [
        Proposal(
            instance=instance, step=step, author=accounts.get("citizen"), status=Status.PUBLISHED, published_at=now,
            title=title, summary=summary, category=categories[category], district=districts.get(district),
            estimated_cost=cost, latitude=latitude, longitude=longitude,
        )
        for title, summary, category, district, cost, latitude, longitude in PROPOSALS
    ])
    for number, chosen in enumerate(OPEN_BALLOTS, start=1):  # the demo citizen's own ballot is still to fill
        voter = demo_content.resident(number, now)
        for index in chosen:
            ballots.add(voter, step, proposals[index])
        ballots.confirm(voter, step)  # the step asks for a confirmation after the review screen
    for number, (index, text) in enumerate(COMMENTS, start=1):
        post_comment(proposals[index], text, author=demo_content.resident(number, now))
    _back_office_work(instance, accounts, step, now)


def _back_office_work(instance, accounts, step, now):
    """What an organiser finds to do in /gestion/: a reported proposal, proposals to analyse, an export to fetch."""
    neighbour = User.objects.filter(email=NEIGHBOUR_EMAIL).first() or User(email=NEIGHBOUR_EMAIL)
    neighbour.display_name = "Dominique Petit"
    neighbour.email_confirmed_at = neighbour.email_confirmed_at or now
    neighbour.set_password(demo_content.DEMO_PASSWORD)
    neighbour.save()
    proposals = list(Proposal.objects.filter(step=step).order_by("pk"))
    moderation.report(neighbour, proposals[-1], Reason.OFF_TOPIC, "Ce projet concerne la voirie, pas le budget participatif.")
    admin = accounts.get("admin")
    if admin is None:
        return
    for proposal in proposals[:2]:
        analysis.assign(proposal, analysts=[admin], decision_maker=admin)
    exporter = BallotExporter(step)
    job = Job.objects.create(
        instance=instance, user=admin, title="Bulletins de vote", task="participe.exports.tasks.run_export",
        status=JobStatus.SUCCEEDED, created_at=now, started_at=now, finished_at=now, total=0,
    )
    job.result_name = f"bulletins-{now:%Y-%m-%d}.csv"
    job.result.save(job.result_name, ContentFile("".join(iter_csv(exporter)).encode()), save=True)


def _picture(row, title, instance):
    row.image.save(f"proposal-{row.pk}.jpg", ContentFile(illustration(title, instance.primary_colour, instance.secondary_colour)),
                   save=False)
    row.image_alt = f"Illustration de l'idée : {title}"[:200]
    row.save()


def _idea_box(instance, accounts, now):
    """The plan vélo's open step: an idea box with a map and pictures, ideas supported by residents."""
    project = Project.objects.filter(slug="plan-velo").first()
    if project is None:
        return
    step, created = Step.objects.get_or_create(
        project=project, slug="vos-idees",
        defaults={
            "type": "collect", "title": "Vos idées pour le vélo", "position": 15,
            "body": "<p>Proposez vos idées pour le plan vélo, placez-les sur la carte et soutenez celles des autres. "
                    "Les ateliers de quartier partiront de vos idées.</p>",
            "starts_at": now - timedelta(days=10), "ends_at": now + timedelta(days=20),
            "requirements": ["confirmed_email"],
            "settings": {"vote": {"type": "support"},
                         "fields": {"address": {"enabled": True}, "image": {"enabled": True}, "district": {"enabled": True}}},
        },
    )
    if not created:
        return
    districts = {district.slug: district for district in District.objects.all()}
    rows = []
    for number, (title, summary, address, latitude, longitude, _supporters) in enumerate(IDEAS, start=1):
        rows.append(Proposal(
            instance=instance, step=step, author=demo_content.resident(number, now), status=Status.PUBLISHED,
            published_at=now - timedelta(days=9 - number), title=title, summary=summary, address=address,
            latitude=latitude, longitude=longitude, district=districts.get("centre"),
        ))
    ideas = _publish_in_bulk(instance, step, rows)
    for idea, (title, *_rest, supporters) in zip(ideas, IDEAS, strict=True):
        _picture(idea, title, instance)
        for number in range(1, supporters + 1):
            if idea.author_id != demo_content.resident(number, now).pk:
                cast_vote(demo_content.resident(number, now), idea, 1)


def _past_budget(instance, accounts, now):
    """Last year's budget, closed: ballots counted, results (equal shares) published, winners' realisation followed."""
    project, _ = Project.objects.get_or_create(
        slug="budget-participatif-2026",
        defaults={"title": "Budget participatif 2026 : les résultats", "type_label": "Budget participatif",
                  "is_published": True,
                  "summary": "Le vote est terminé : découvrez les projets retenus, comment chaque part a été dépensée "
                             "et où en sont les travaux."},
    )
    step, created = Step.objects.get_or_create(
        project=project, slug="vote-2026",
        defaults={
            "type": "collect", "title": "Vote du budget 2026",
            "starts_at": now - timedelta(days=1), "ends_at": now + timedelta(days=1),  # open while the ballots are cast
            "settings": {
                "vote": {"type": "budget", "budget": PAST_ENVELOPE, "rule": "mes", "mes_increment": ""},
                "fields": {"district": {"enabled": True}, "estimated_cost": {"enabled": True, "required": True},
                           "address": {"enabled": True}},
            },
        },
    )
    if not created:
        return
    districts = {district.slug: district for district in District.objects.all()}
    proposals = _publish_in_bulk(instance, step, [
        Proposal(
            instance=instance, step=step, author=demo_content.resident(number, now), status=Status.PUBLISHED,
            published_at=now - timedelta(days=300), title=title, summary=summary, district=districts.get(district),
            estimated_cost=cost, latitude=latitude, longitude=longitude,
        )
        for number, (title, summary, district, cost, latitude, longitude) in enumerate(PAST_PROPOSALS, start=1)
    ])
    voters = [accounts["citizen"], *(demo_content.resident(n, now) for n in range(1, len(PAST_BALLOTS)))]
    for voter, chosen in zip(voters, PAST_BALLOTS, strict=True):
        for index in chosen:
            ballots.add(voter, step, proposals[index])
    closed_at = now - timedelta(days=200)
    Step.objects.filter(pk=step.pk).update(starts_at=closed_at - timedelta(days=30), ends_at=closed_at)
    step.refresh_from_db()
    run = publication.compute_run(ResultRun.objects.create(step=step, rule="mes", requested_at=now))
    publication.publish(run, accounts.get("admin"))
    winners = [row["id"] for district in run.payload["districts"] for row in district["winners"]]
    for proposal in Proposal.objects.filter(pk__in=winners).order_by("pk"):
        analysis.decide(proposal, decision=Decision.ACCEPTED,
                        official_answer="<p>Retenu par le vote : la ville le réalise dans l'année.</p>", now=now)
        _realisation(instance, proposal, closed_at.date())
    Proposal.objects.filter(step=step).exclude(pk__in=winners).update(decision=Decision.REJECTED)


def _realisation(instance, proposal, closed_on):
    for position, (title, text, start, end, done, percentage, spent) in enumerate(REALISATION, start=1):
        item = ProgressStep.objects.create(
            instance=instance, proposal=proposal, title=title, description=text, position=position, is_done=done,
            starts_on=_months_after(closed_on, start), ends_on=_months_after(closed_on, end),
            percentage=percentage, budget_spent=min(spent, proposal.estimated_cost) if spent is not None else None,
        )
        if position == 2:  # the works, photographed
            picture = illustration(f"Chantier : {proposal.title}", "#8a4b08", instance.secondary_colour)
            item.photo.save(f"chantier-{proposal.pk}.jpg", ContentFile(picture), save=False)
            item.photo_alt = f"Le chantier : {proposal.title}"[:200]
            item.save()


def _months_after(day, months):
    return day + timedelta(days=30 * months)
