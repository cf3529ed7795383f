"""A small French consultation for the demo instance (the full République numérique import is a command)."""

from datetime import timedelta

from participe.core import demo_content
from participe.modules.consultation import services
from participe.modules.consultation.models import (
    Consultation,
    Debate,
    Opinion,
    Section,
    SectionKind,
    Side,
    SourceCategory,
)
from participe.projects.models import Project, Step
from participe.votes.services import cast_vote

ARTICLES = [
    ("Article 1 — Ouverture des données", "<p>Les administrations publient en ligne, dans un format ouvert et réutilisable, les documents qu’elles communiquent.</p>"),
    ("Article 2 — Accessibilité des sites publics", "<p>Les sites internet publics sont accessibles aux personnes handicapées. Chaque site affiche une déclaration d’accessibilité.</p>"),
    ("Article 3 — Droit à la connexion", "<p>Toute personne en difficulté bénéficie du maintien de sa connexion à internet pendant l’examen de sa demande d’aide.</p>"),
]


def load_demo(instance, accounts, now):
    admin, citizen = accounts["admin"], accounts["citizen"]
    project, _ = Project.objects.get_or_create(
        slug="charte-numerique",
        defaults={"title": "Charte numérique de la ville", "summary": "Co-écrivons la charte numérique, article par article.", "is_published": True},
    )
    step, created = Step.objects.get_or_create(
        project=project, slug="consultation",
        defaults={"type": "consultation", "title": "Consultation sur la charte", "starts_at": now - timedelta(days=3), "ends_at": now + timedelta(days=30)},
    )
    if not created:
        return
    consultation = Consultation.objects.create(step=step, title="Charte numérique", body="<p>Votez et proposez des amendements.</p>")
    title = Section.objects.create(consultation=consultation, title="Titre I — Un service public numérique ouvert", kind=SectionKind.TITLE, position=1, allows_opinions=False)
    articles = Section.objects.create(consultation=consultation, parent=title, title="Les articles", kind=SectionKind.CHAPTER, position=1, allows_opinions=False, highlight_threshold=2)
    ideas = Section.objects.create(consultation=consultation, parent=title, title="Vos propositions d’articles nouveaux", position=2, colour="green")
    opinions = []
    for position, (heading, body) in enumerate(ARTICLES, start=1):
        opinions.append(Opinion.objects.create(step=step, consultation=consultation, section=articles, author=admin, title=heading, body=body, is_official=True, position=position))
    Section.objects.filter(pk=articles.pk).update(opinions_count=len(opinions))
    Consultation.objects.filter(pk=consultation.pk).update(opinions_count=len(opinions))
    articles.refresh_from_db()
    # What citizens write and vote goes through the services: counters, participants and key figures follow.
    amendment = services.submit_amendment(
        citizen, opinions[0], "Préciser les délais",
        "<p>Les administrations publient en ligne, dans un délai d’un mois et dans un format ouvert et réutilisable, les documents qu’elles communiquent.</p>",
        "Sans délai, l’obligation reste théorique.",
    )
    services.submit_argument(citizen, opinions[0], Side.FOR, "La transparence renforce la confiance.")
    services.submit_argument(admin, amendment, Side.AGAINST, "Un mois est court pour les petites communes.")
    ideas.refresh_from_db()
    services.submit_opinion(citizen, ideas, "Des ateliers numériques dans chaque quartier", "<p>Un atelier gratuit par mois dans chaque maison de quartier.</p>")
    resident = demo_content.resident(1, now)
    services.submit_source(
        resident, opinions[0], "Loi pour une République numérique (2016)", SourceCategory.LAW,
        link="https://www.legifrance.gouv.fr/loda/id/JORFTEXT000033202746",
        description="Le texte national qui pose déjà l’ouverture des données publiques.",
    )
    services.submit_argument(resident, opinions[2], Side.FOR, "Couper internet pendant l’examen d’une aide, c’est couper l’accès à l’aide.")
    for voter, value in ((citizen, 1), (accounts["moderator"], 0), (resident, 1)):
        cast_vote(voter, opinions[0], value)
    cast_vote(citizen, opinions[1], -1)
    debate_step = Step.objects.create(project=project, slug="debat", type="debate", title="Débat : faut-il un référent numérique par quartier ?", position=1, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=20))
    Debate.objects.create(
        step=debate_step, question="Faut-il un référent numérique dans chaque quartier ?", allows_anonymous_votes=True,
        statement_for="<p>Un visage connu aide ceux qui n’osent pas demander.</p>", statement_for_author="Association Numérique pour tous",
        statement_against="<p>Mieux vaut renforcer les agents d’accueil existants.</p>", statement_against_author="Collectif des agents",
    )
    Step.objects.create(project=project, slug="classement", type="ranking", title="Les propositions les mieux notées", position=2, settings={"consultation_step": step.pk, "limit": 10, "threshold": 0})
