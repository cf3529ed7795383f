"""Demo content: a participatory budget whose vote is open, so that a newcomer can fill a ballot."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db.models import Count

from participe.accounts.models import User
from participe.core import demo_content
from participe.exports.models import Job, JobStatus
from participe.exports.writers import iter_csv
from participe.moderation import services as moderation
from participe.moderation.models import Reason
from participe.modules.proposals import analysis
from participe.modules.proposals.exports import BallotExporter
from participe.modules.proposals.models import Category, Proposal
from participe.participation.models import Status
from participe.projects.models import Project, Step
from participe.site.models import District

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


def load_demo(instance, accounts, now):
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
                "vote": {"type": "budget", "budget": ENVELOPE, "rule": "greedy"},
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
    Proposal.objects.bulk_create(
        Proposal(
            instance=instance, step=step, author=accounts.get("citizen"), status=Status.PUBLISHED, published_at=now,
            title=title, summary=summary, category=categories[category], district=districts.get(district),
            estimated_cost=cost, latitude=latitude, longitude=longitude,
        )
        for title, summary, category, district, cost, latitude, longitude in PROPOSALS
    )
    count = Proposal.objects.filter(step=step).aggregate(n=Count("pk"))["n"]
    Step.objects.filter(pk=step.pk).update(contributions_count=count)
    Project.objects.filter(pk=project.pk).update(contributions_count=count)
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
