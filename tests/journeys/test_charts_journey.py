"""The results charts in a real browser: one results page per module (questionnaire, votation, budget,
consultation) passes axe at 1280 and 320 px, scrolls nothing sideways, and keeps every bar and label inside its
chart."""

import pytest
from django.test import Client

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Opinion
from participe.modules.proposals import publication
from participe.modules.proposals.tasks import refresh_results
from tests.conftest import make_user
from tests.consultation.conftest import build_consultation
from tests.journeys import accessibility
from tests.journeys.steps import budget_vote
from tests.questionnaires.conftest import make_questionnaire
from tests.questionnaires.test_results_and_exports import add_reply
from tests.votations.conftest import ballot_data, close, count_and_publish, make_votation

pytestmark = pytest.mark.browser

# Drawn boxes of a page's charts that pass the right edge of their SVG (in px, rounded).
OUTSIDE = """() => [...document.querySelectorAll("figure.chart > svg")].flatMap(svg => {
  const right = svg.getBoundingClientRect().right + 1;
  return [...svg.querySelectorAll("rect.chart__bar, rect.chart__segment, text")]
    .filter(el => el.getBoundingClientRect().right > right)
    .map(el => (el.textContent || el.getAttribute("class")) + " " + Math.round(el.getBoundingClientRect().right - right));
})"""


def _client(live_server, user):
    client = Client(HTTP_HOST=live_server.url.split("//")[1])
    client.force_login(user, backend="participe.accounts.backends.InstanceEmailBackend")
    return client


@pytest.fixture
def results(site, live_server, settings):
    """A results page of each module on the live instance, with something counted on each."""
    settings.PUBLIC_STATS_MIN_COUNT = 0
    admin = make_user(site, "organisatrice@example.org", is_instance_admin=True)
    questionnaire, questions = make_questionnaire(
        site,
        [
            (
                "multiple_choice",
                "Équipements",
                {
                    "choices": ["Parc", "Piscine", "Bibliothèque municipale et médiathèque du quartier"],
                    "other": True,
                },
            ),
            ("number", "Budget", {"config": {"integer": True}}),
            ("long_text", "Idées", {}),
            ("ranking", "Priorités", {"choices": ["Sécurité", "Propreté"]}),
            ("majority_judgment", "Projets", {"choices": ["Tram", "Bus"]}),
            ("short_text", "Téléphone", {"private": True}),
        ],
        results_public=True,
    )
    add_reply(
        questionnaire,
        questions,
        ["Parc", "Piscine"],
        100,
        "Des arbres",
        ["Sécurité", "Propreté"],
        {"Tram": 6, "Bus": 2},
    )
    add_reply(
        questionnaire, questions, ["Parc"], 300, "Des bancs", ["Propreté", "Sécurité"], {"Tram": 5, "Bus": 4}
    )

    votation, ballot_questions = make_votation(site)
    for n, president in enumerate(["Alice", "Alice", "Bruno"]):
        voter = make_user(site, f"electeur{n}@example.org")
        response = _client(live_server, voter).post(
            f"/votations/{votation.pk}/vote/", ballot_data(ballot_questions, president)
        )
        assert response.status_code == 200
    close(votation)
    count_and_publish(votation)

    step, _ = budget_vote(
        site, {"budget": "90000", "rule": "mes", "mes_increment": ""},
        [("Un jardin partagé avec des carrés potagers pour les écoles du quartier", 60000),
         ("Des bancs publics", 30000)],
        supporters=2,
    )
    refresh_results()
    with in_instance(site):
        publication.publish(publication.latest(step, "mes"), admin)

    built = build_consultation(site, "open", author=admin)
    with in_instance(site):
        opinion = built["opinions"][0]
        Opinion.objects.filter(pk=opinion.pk).update(
            votes_agree=12, votes_mitigated=5, votes_disagree=3, votes_total=20
        )
    return {
        "questionnaire": f"/questionnaires/{questionnaire.pk}/results/",
        "votation": f"/votations/{votation.pk}/",
        "budget": f"/proposals/step/{step.pk}/results/",
        "consultation": opinion.get_absolute_url(),
    }


@pytest.mark.parametrize("width", [1280, 320])
def test_each_modules_results_charts_pass_axe_and_fit_the_screen(width, results, live_server, new_page):
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    for module, url in results.items():
        page.goto(live_server.url + url)
        charts = page.locator("figure.chart > svg[role=img]")
        assert charts.count() >= 1, f"no chart on the {module} results"
        assert page.locator("figure.chart .chart__summary").first.text_content().strip()
        assert page.locator("figure.chart rect.chart__bar, figure.chart rect.chart__segment").count() >= 2
        violations = accessibility.run_axe(page, f"charts:{module}-{width}")
        assert not violations, f"{module} ({width} px):\n{accessibility.describe(violations)}"
        assert accessibility.horizontal_overflow(page) <= 0, accessibility.overflow_report(page)
        assert page.evaluate(OUTSIDE) == [], f"{module} ({width} px): drawn past the chart's edge"
