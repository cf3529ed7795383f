"""Every results page draws its charts: an SVG role="img" named by its <title>, described by its summary, with
the data in a table (real database, real HTTP)."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Debate, Opinion
from participe.modules.proposals import tasks
from participe.projects.models import Step
from tests.conftest import host_client
from tests.consultation.conftest import build_consultation
from tests.forms.builders import english_client
from tests.proposals.test_results_publication import _run, budget  # noqa: F401 (fixture)
from tests.questionnaires.test_results_and_exports import answered, poll  # noqa: F401 (fixtures)
from tests.votations.conftest import ballot_data, close, count_and_publish, make_votation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def charts_of(page):
    """{element id: the chart's figure} of a page, each checked to be a complete chart."""
    figures = dict(re.findall(r'<figure class="chart[^"]*" id="([^"]+)">(.*?)</figure>', page, re.S))
    for chart_id, html in figures.items():
        assert f'role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-summary"' in html
        assert f'<title id="{chart_id}-title">' in html
        assert f'<figcaption class="chart__summary" id="{chart_id}-summary">' in html
        assert "style=" not in html  # the CSP refuses inline styles
    return figures


def summary(figure):
    return (
        re.search(r'<figcaption class="chart__summary"[^>]*>(.*?)</figcaption>', figure, re.S)
        .group(1)
        .strip()
    )


def test_questionnaire_results_chart_each_choice_question_and_never_draw_a_suppressed_count(
    answered,  # noqa: F811
    settings,
):
    questionnaire, questions = answered
    equipment, _budget, _ideas, priorities, projects, _private = questions
    url = f"/questionnaires/{questionnaire.pk}/results/"
    settings.PUBLIC_STATS_MIN_COUNT = 0
    page = english_client("a.test").get(url).content.decode()
    figures = charts_of(page)
    choices = figures[f"chart-q-{equipment.pk}"]
    assert summary(choices) == "“Parc” comes first: 66.7 % (2)."
    assert choices.count('class="chart__bar"') == 3 and 'width="66.7%"' in choices
    # The table right after the chart holds the same numbers.
    after = page[page.index(f'id="chart-q-{equipment.pk}"') :]
    assert (
        after.index("</figure>")
        < after.index('<table class="results-table">')
        < after.index("66.7 %", after.index("<table"))
    )
    assert "“Sécurité” comes first" in summary(figures[f"chart-q-{priorities.pk}"])
    grades = figures[f"chart-q-{projects.pk}"]
    assert "“Tram” comes first, with the majority grade" in summary(grades) and "<pattern " in grades
    assert 'class="judgment"' not in page  # the include's CSS bars gave way to the chart
    # Public thresholds: counts under 5 are never drawn, their text says why.
    settings.PUBLIC_STATS_MIN_COUNT = 5
    page = english_client("a.test").get(url).content.decode()
    choices = charts_of(page)[f"chart-q-{equipment.pk}"]
    assert 'class="chart__bar"' not in choices and "fewer than 5" in choices
    assert summary(choices) == "Too few answers to show them."


def test_votation_results_chart_each_question(instance_a, participant_a, admin_a):
    votation, questions = make_votation(instance_a)
    english_client("a.test", participant_a).post(f"/votations/{votation.pk}/vote/", ballot_data(questions))
    english_client("a.test", admin_a).post(
        f"/votations/{votation.pk}/vote/", ballot_data(questions, "Bruno", tram=5, bus=6)
    )
    close(votation)
    assert (
        "chart-vq" not in english_client("a.test").get(f"/votations/{votation.pk}/").content.decode()
    )  # not published
    count_and_publish(votation)
    page = english_client("a.test").get(f"/votations/{votation.pk}/").content.decode()
    presidency, projects = questions
    figures = charts_of(page)
    assert (
        summary(figures[f"chart-vq-{presidency.pk}"]) == "“Alice”, “Bruno” are tied first: 50.0 % (1) each."
    )
    assert figures[f"chart-vq-{presidency.pk}"].count('class="chart__bar"') == 2
    assert "majority grade" in summary(figures[f"chart-vq-{projects.pk}"])
    assert "Majority judgment: merit profiles" in page  # the data table


def test_budget_results_chart_the_envelope_and_the_votes_with_the_selected_marked(
    budget,  # noqa: F811
    instance_a,
    admin_a,
):
    step, _park, _fountain, _voters = budget
    tasks.refresh_results()
    organiser = host_client("a.test", admin_a)
    organiser.cookies["django_language"] = "en"
    organiser.post(f"/proposals/step/{step.pk}/results/publish/", {"run": _run(instance_a, step).pk})
    page = english_client("a.test").get(f"/proposals/step/{step.pk}/results/").content.decode()
    figures = charts_of(page)
    envelope, votes = figures["chart-envelope-1"], figures["chart-votes-1"]
    assert summary(envelope).replace("\xa0", " ") == "9,000 € spent of 9,000 € (100 %)."
    assert "See the data" in envelope and 'class="chart__legend"' in envelope
    assert summary(votes) == "2 proposals selected. “Parc des Lilas” comes first: 2."
    assert votes.count(">✓ ") == 2 and votes.count('class="chart__bar"') == 2
    assert page.index("chart-votes-1") < page.index("Ranking of the proposals")  # then the full table


def test_consultation_charts_the_split_of_votes(instance_a, admin_a, participant_a):
    built = build_consultation(instance_a, "open", author=admin_a)
    with in_instance(instance_a):
        opinion = built["opinions"][0]
        Opinion.objects.filter(pk=opinion.pk).update(
            votes_agree=6, votes_mitigated=3, votes_disagree=1, votes_total=10
        )
        ranking = Step.objects.create(
            project=built["project"],
            type="ranking",
            title="Classement",
            slug="r",
            settings={"consultation_step": built["step"].pk, "limit": 5, "threshold": 1},
        )
        debate_step = Step.objects.create(
            project=built["project"],
            type="debate",
            title="Débat",
            slug="d",
            starts_at=built["step"].starts_at,
            ends_at=built["step"].ends_at,
        )
        debate = Debate.objects.create(
            step=debate_step, question="Faut-il ?", statement_for="<p>Oui</p>", statement_against="<p>Non</p>"
        )
    client = english_client("a.test")
    page = client.get(opinion.get_absolute_url()).content.decode()
    split = charts_of(page)[f"chart-opinion-{opinion.pk}"]
    assert summary(split) == "Agree: 6 (60 %); Mitigated: 3 (30 %); Disagree: 1 (10 %)."
    assert [
        re.search(r'width="([\d.]+)%" height="24" fill', s).group(1)
        for s in split.split("chart__segment")[1:]
    ] == ["60", "30", "10"]
    assert "<caption" in split  # its data table
    page = client.get(f"/consultation/step/{ranking.pk}/").content.decode()
    rows = charts_of(page)["chart-ranking"]
    assert (
        f">{opinion.title}</text>" in rows
        and summary(rows) == "Agree: 6 (60 %); Mitigated: 3 (30 %); Disagree: 1 (10 %)."
    )
    voter = host_client("a.test", participant_a)
    vote_url = f"/votes/{ContentType.objects.get_for_model(Debate).pk}/{debate.pk}/"
    assert voter.post(vote_url, {"value": "1"}, HTTP_ACCEPT="application/json").status_code == 200
    page = client.get(f"/consultation/step/{debate_step.pk}/").content.decode()
    assert summary(charts_of(page)["chart-debate"]) == "For: 1 (100 %); Against: 0 (0 %)."


@override_settings(LANGUAGE_CODE="fr")
def test_the_summary_is_french_first(instance_a, admin_a):
    built = build_consultation(instance_a, "open", author=admin_a)
    with in_instance(instance_a):
        opinion = built["opinions"][0]
        Opinion.objects.filter(pk=opinion.pk).update(
            votes_agree=1, votes_mitigated=0, votes_disagree=0, votes_total=1
        )
    page = host_client("a.test").get(opinion.get_absolute_url()).content.decode()
    assert "D’accord : 1 (100 %); Mitigé : 0 (0 %); Pas d’accord : 0 (0 %)." in page.replace("\xa0", " ")
