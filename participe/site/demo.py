"""Demo website content in French: home page, pages, news, agenda, themes, districts around Toulouse."""

from datetime import timedelta

from django.utils import timezone

from participe.accounts.models import User
from participe.core import demo_content
from participe.projects.models import Project
from participe.site.models import District, Event, HomeSection, MenuItem, Page, Post, Registration, Theme

THEMES = [
    (
        "mobilite",
        "Mobilité",
        "Se déplacer mieux : vélo, marche, transports en commun, stationnement.",
        "#1d4e89",
    ),
    (
        "environnement",
        "Environnement",
        "Nature en ville, îlots de fraîcheur, propreté, biodiversité.",
        "#1e6b32",
    ),
    ("solidarites", "Solidarités", "Entraide, accès aux droits, lien entre générations.", "#8a3b12"),
    ("culture", "Culture", "Fêtes de quartier, bibliothèques, patrimoine et création.", "#6b2a7a"),
]


def _square(lon, lat, size=0.02):
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


DISTRICTS = [
    ("centre", "Centre", _square(1.43, 43.59)),
    ("rive-gauche", "Rive gauche", _square(1.41, 43.59)),
    ("nord", "Nord", _square(1.42, 43.61)),
    ("sud-est", "Sud-Est", _square(1.45, 43.57)),
]

PAGES = [
    (
        "a-propos",
        "À propos",
        "Qui anime cette plateforme et pourquoi.",
        "<p>Cette plateforme permet aux habitantes et aux habitants de donner leur avis, de proposer des idées "
        "et de voter sur les projets de la ville.</p><h2>Qui l'anime ?</h2><p>Le service Démocratie locale, "
        "avec les conseils de quartier.</p>",
    ),
    (
        "charte-de-participation",
        "Charte de participation",
        "Les règles communes pour participer dans le respect de chacun.",
        "<p>Chacune et chacun peut participer, dans le respect des autres.</p><ul><li>Restez courtois.</li>"
        "<li>Pas de propos discriminatoires ni diffamatoires.</li><li>Une contribution argumentée a plus de "
        "poids.</li></ul><p>Les contributions qui ne respectent pas la charte sont masquées par la modération.</p>",
    ),
    (
        "faq",
        "Questions fréquentes",
        "Les réponses aux questions les plus posées.",
        "<h2>Faut-il un compte pour participer ?</h2><p>Oui pour proposer, voter ou s'inscrire à un événement ; "
        "non pour lire.</p><h2>Mes données sont-elles protégées ?</h2><p>Oui : voir la politique de "
        "confidentialité.</p>",
    ),
]

POSTS = [
    (
        "lancement-budget-participatif",
        "Le budget participatif est lancé",
        "Déposez vos idées jusqu'à la fin du mois.",
        20,
        "mobilite",
    ),
    (
        "bilan-concertation-velo",
        "Bilan de la concertation vélo",
        "1 200 contributions et 14 propositions retenues.",
        12,
        "mobilite",
    ),
    (
        "jardins-partages",
        "Trois nouveaux jardins partagés",
        "Les lauréats de l'appel à projets sont connus.",
        6,
        "environnement",
    ),
    (
        "fete-des-quartiers",
        "La fête des quartiers revient",
        "Un programme construit avec les associations.",
        1,
        "culture",
    ),
]

EVENTS = [
    # slug, title, days from now, hours long, capacity, theme, address, point
    (
        "atelier-mobilite-centre",
        "Atelier mobilité du centre-ville",
        5,
        2,
        3,
        "mobilite",
        "Salle du Sénéchal, 17 rue de Rémusat, Toulouse",
        (43.6045, 1.4440),
    ),
    (
        "balade-nature",
        "Balade nature le long de la Garonne",
        9,
        3,
        25,
        "environnement",
        "Prairie des Filtres, Toulouse",
        (43.5975, 1.4365),
    ),
    (
        "reunion-publique-solidarites",
        "Réunion publique : solidarités de proximité",
        14,
        2,
        None,
        "solidarites",
        "Maison de quartier, Toulouse",
        (43.6150, 1.4300),
    ),
    ("forum-culture-en-ligne", "Forum culture (en ligne)", -10, 2, None, "culture", "", None),
]


def _home(now):
    if HomeSection.objects.exists():
        return
    kinds = [
        (
            HomeSection.Kind.INTRODUCTION,
            "Bienvenue sur la plateforme de participation",
            "<p>Donnez votre avis, proposez vos idées et votez pour les projets de votre ville.</p>",
        ),
        (HomeSection.Kind.CURRENT_PROJECTS, "Projets en cours", ""),
        (HomeSection.Kind.KEY_FIGURES, "La participation en chiffres", ""),
        (HomeSection.Kind.PROJECTS_MAP, "Les projets près de chez vous", ""),
        (HomeSection.Kind.UPCOMING_EVENTS, "Prochains rendez-vous", ""),
        (HomeSection.Kind.LATEST_NEWS, "Actualités", ""),
        (
            HomeSection.Kind.NEWSLETTER,
            "Restez informé·e",
            "<p>Créez un compte pour suivre les projets et recevoir leurs nouvelles.</p>",
        ),
    ]
    for position, (kind, title, body) in enumerate(kinds):
        HomeSection.objects.create(kind=kind, title=title, body=body, position=position * 10)


def _menus():
    if MenuItem.objects.exists():
        return
    Target = MenuItem.Target
    for position, (label, target) in enumerate(
        [
            ("Accueil", Target.HOME),
            ("Projets", Target.PROJECTS),
            ("Actualités", Target.BLOG),
            ("Agenda", Target.AGENDA),
            ("Thèmes", Target.THEMES),
            ("Quartiers", Target.DISTRICTS),
            ("Rechercher", Target.SEARCH),
        ]
    ):
        MenuItem.objects.create(label=label, target=target, position=position)
    for position, slug in enumerate(["a-propos", "charte-de-participation", "faq"]):
        page = Page.objects.get(slug=slug)
        MenuItem.objects.create(
            label=page.title, page=page, location=MenuItem.Location.FOOTER, position=position
        )


def _registrations(event, now):
    """Fill the first workshop and put one person on its waiting list."""
    if event.registrations.exists():
        return
    people = []
    for number in range(1, 5):
        email = f"habitant{number}@demo.participe.localhost"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, None, display_name=f"Habitant·e {number}", email_confirmed_at=now
        )
        people.append(user)
    for index, user in enumerate(people):
        status = Registration.Status.CONFIRMED if index < event.capacity else Registration.Status.WAITING
        Registration.objects.create(
            event=event, user=user, status=status, created_at=now - timedelta(hours=10 - index)
        )
    event.confirmed_count = min(len(people), event.capacity)
    event.waiting_count = len(people) - event.confirmed_count
    event.save(update_fields=["confirmed_count", "waiting_count"])


@demo_content.register
def load_demo(instance, accounts, now):
    themes = {}
    for position, (slug, name, description, colour) in enumerate(THEMES):
        themes[slug], _ = Theme.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "colour": colour, "position": position},
        )
    for position, (slug, name, geometry) in enumerate(DISTRICTS):
        District.objects.update_or_create(
            slug=slug, defaults={"name": name, "geometry": geometry, "position": position}
        )
    for slug, title, summary, body in PAGES:
        Page.objects.update_or_create(
            slug=slug, defaults={"title": title, "summary": summary, "body": body, "is_published": True}
        )
    projects = list(Project.objects.filter(is_published=True)[:2])
    for slug, title, summary, days_ago, theme in POSTS:
        post, _ = Post.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "body": f"<p>{summary}</p><p>Retrouvez tous les détails sur la page du projet.</p>",
                "published_at": now - timedelta(days=days_ago),
            },
        )
        post.themes.set([themes[theme]])
        post.projects.set(projects[:1])
    today = timezone.localtime(now, instance.tz).replace(hour=18, minute=30, second=0, microsecond=0)
    for slug, title, days, hours, capacity, theme, address, point in EVENTS:
        starts_at = today + timedelta(days=days)
        event, _ = Event.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "description": f"<p>{title} : venez échanger avec les élu·es et les services de la ville.</p>",
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=hours),
                "address": address,
                "latitude": point[0] if point else None,
                "longitude": point[1] if point else None,
                "online_url": "" if address else "https://visio.example.org/forum-culture",
                "capacity": capacity,
                "registration_open": days > 0,
                "waiting_list": True,
            },
        )
        event.themes.set([themes[theme]])
        event.projects.set(projects[:1])
    _registrations(Event.objects.get(slug=EVENTS[0][0]), now)
    _home(now)
    _menus()
