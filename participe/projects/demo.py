"""Demo projects in French, at different stages, built from the built-in step types only.

Modules add their own steps (consultation, collect, vote…) to the demo in their own loaders: the plan vélo's open
idea box comes from the proposals module's loader, between these steps (positions 10, 20, 30…). No text here gives
a figure the counters do not show (the counters are the rows').
"""

from datetime import timedelta

from django.utils import timezone

from participe.accounts.models import ParticipantGroup, User
from participe.core import demo_content
from participe.projects.models import Project, Step, Visibility, district_model, theme_model

PROJECT_MANAGER_EMAIL = "cheffe-de-projet@demo.participe.localhost"

# Themes and districts are the website's; whichever loader runs first creates them, the site's sets their details.
THEMES = {"mobilite": "Mobilité", "environnement": "Environnement", "solidarites": "Solidarités", "culture": "Culture"}
DISTRICTS = {"centre": "Centre", "rive-gauche": "Rive gauche", "nord": "Nord", "sud-est": "Sud-Est"}


def _day(now, instance, days, hour=0):
    """Local midnight (or `hour`) `days` days from today, in the instance's time zone."""
    local = timezone.localtime(now, instance.tz) + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


PROJECTS = [
    {
        "slug": "plan-velo",
        "title": "Plan vélo 2027-2032 : à vous de tracer la route",
        "type_label": "Concertation",
        "summary": "Pistes cyclables, stationnement, apprentissage : la ville prépare son plan vélo et vous demande "
        "votre avis avant le vote du conseil municipal.",
        "body": "<p>Un trajet sur deux de moins de trois kilomètres se fait encore en voiture. Le plan vélo fixera, "
        "pour six ans, les itinéraires à aménager en priorité, les parkings à créer près des gares et des écoles "
        "et les actions pour apprendre à rouler en ville.</p><h2>Ce qui est en jeu</h2><ul><li>120 km de "
        "nouveaux aménagements ;</li><li>4 000 places de stationnement vélo ;</li><li>un budget de 38 millions "
        "d'euros sur la durée du plan.</li></ul><p>Vos contributions seront toutes lues et la synthèse sera "
        "publiée ici avant la décision.</p>",
        "themes": ["mobilite"],
        "districts": ["centre", "nord", "rive-gauche"],
        "position": 1,
        "steps": [
            ("presentation", "le-projet", "Le projet", None, None,
             "<p>Le diagnostic, les chiffres clés et le calendrier de la concertation.</p>"),
            ("other", "ateliers-de-quartier", "Ateliers de quartier", 21, 35,
             "<p>Quatre ateliers, un par secteur, pour dessiner les itinéraires sur la carte avec les "
             "techniciens de la ville.</p>"),
            ("other", "synthese-et-decision", "Synthèse et décision", 36, 90,
             "<p>La synthèse des contributions est publiée, puis le plan est soumis au vote du conseil "
             "municipal.</p>"),
        ],
    },
    {
        "slug": "ilots-de-fraicheur",
        "title": "Des îlots de fraîcheur dans les cours d'école",
        "type_label": "Appel à idées",
        "summary": "Arbres, ombre, fontaines, sols perméables : imaginons avec les enfants, les parents et les "
        "équipes des écoles les cours de demain.",
        "body": "<p>Les étés sont de plus en plus chauds et les cours bitumées deviennent des fournaises. Dix "
        "cours d'école seront transformées d'ici 2028. L'appel à idées s'ouvrira à la rentrée : préparez vos "
        "propositions avec les conseils d'école.</p>",
        "themes": ["environnement"],
        "districts": ["sud-est", "rive-gauche"],
        "position": 2,
        "steps": [
            ("presentation", "presentation", "Présentation", None, None,
             "<p>Pourquoi transformer les cours, ce qui est possible et ce qui ne l'est pas.</p>"),
            ("other", "appel-a-idees", "Appel à idées", 15, 60,
             "<p>Chaque école, chaque famille peut proposer des aménagements pour sa cour.</p>"),
            ("other", "choix-des-ecoles", "Choix des écoles", 61, 90,
             "<p>Un jury d'enfants, de parents et d'agents choisit les dix premières cours à transformer.</p>"),
        ],
        "requirements": {"appel-a-idees": [{"kind": "consent", "key": "charte",
                                             "text": "J'ai lu la charte de participation et je m'engage à la respecter."}]},
    },
    {
        "slug": "place-du-marche",
        "title": "Réaménagement de la place du Marché",
        "type_label": "Concertation",
        "summary": "Terminée : la concertation, menée en réunions publiques et en marches exploratoires, a choisi "
        "une place plus verte, avec un marché couvert et moins de stationnement.",
        "body": "<p>La concertation s'est tenue de janvier à avril. Le scénario « Place jardin » a recueilli la "
        "majorité des avis. Les travaux commenceront l'an prochain ; leur avancement sera publié dans les "
        "actualités.</p>",
        "themes": ["mobilite", "environnement"],
        "districts": ["centre"],
        "position": 3,
        "is_archived": True,
        "steps": [
            ("presentation", "diagnostic", "Diagnostic partagé", -300, -270,
             "<p>Marches exploratoires et questionnaire auprès des commerçants et des riverains.</p>"),
            ("other", "trois-scenarios", "Trois scénarios en débat", -269, -200,
             "<p>« Place jardin », « Place marché », « Place parking » : trois scénarios soumis à l'avis de "
             "tous.</p>"),
            ("other", "bilan", "Bilan et décision", -199, -180,
             "<p>Le bilan de la concertation a été présenté au conseil municipal, qui a retenu le scénario "
             "« Place jardin ».</p>"),
        ],
    },
    {
        "slug": "conseil-citoyen",
        "title": "Conseil citoyen : espace de travail",
        "type_label": "Groupe de travail",
        "summary": "L'espace réservé aux membres du conseil citoyen, tirés au sort parmi les habitants.",
        "body": "<p>Documents de travail, ordres du jour et comptes rendus des séances du conseil citoyen.</p>",
        "themes": ["solidarites"],
        "districts": [],
        "position": 4,
        "visibility": Visibility.RESTRICTED,
        "steps": [
            ("presentation", "seances", "Séances de l'année", None, None,
             "<p>Le conseil se réunit le premier mardi de chaque mois à la maison de quartier.</p>"),
        ],
    },
    {
        "slug": "jardins-partages",
        "title": "Jardins partagés : où les créer ?",
        "type_label": "Concertation",
        "summary": "En préparation : le service des espaces verts rédige la présentation avant de publier le projet.",
        "body": "<p>Brouillon : la carte des terrains disponibles sera ajoutée avant la publication.</p>",
        "themes": ["environnement"],
        "districts": ["nord"],
        "position": 5,
        "is_published": False,
        "steps": [
            ("presentation", "terrains", "Les terrains possibles", None, None,
             "<p>Six terrains municipaux pourraient accueillir un jardin partagé.</p>"),
        ],
    },
]


def _manager():
    user = User.objects.filter(email=PROJECT_MANAGER_EMAIL).first() or User(email=PROJECT_MANAGER_EMAIL)
    user.display_name = "Cheffe de projet Démo"
    user.email_confirmed_at = user.email_confirmed_at or timezone.now()
    user.set_password(demo_content.DEMO_PASSWORD)
    user.save()
    return user


@demo_content.register
def load_demo(instance, accounts, now):
    themes = {slug: theme_model().objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in THEMES.items()}
    districts = {
        slug: district_model().objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in DISTRICTS.items()
    }
    council, _ = ParticipantGroup.objects.get_or_create(name="Conseil citoyen")
    council.members.add(accounts["citizen"])
    manager = _manager()
    for spec in PROJECTS:
        project, _ = Project.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "type_label": spec["type_label"],
                "summary": spec["summary"],
                "body": spec["body"],
                "position": spec["position"],
                "visibility": spec.get("visibility", Visibility.PUBLIC),
                "is_archived": spec.get("is_archived", False),
                "is_published": spec.get("is_published", True),
            },
        )
        project.themes.set([themes[slug] for slug in spec["themes"]])
        project.districts.set([districts[slug] for slug in spec["districts"]])
        project.administrators.set([manager] if spec["slug"] == "plan-velo" else [])
        if project.visibility == Visibility.RESTRICTED:
            project.allowed_groups.set([council])
        for number, (kind, slug, title, opens, closes, body) in enumerate(spec["steps"], start=1):
            Step.objects.update_or_create(
                project=project,
                slug=slug,
                defaults={
                    "type": kind,
                    "title": title,
                    "body": body,
                    "position": number * 10,
                    "starts_at": _day(now, instance, opens) if opens is not None else None,
                    "ends_at": _day(now, instance, closes) if closes is not None else None,
                    "requirements": spec.get("requirements", {}).get(slug, []),
                },
            )
