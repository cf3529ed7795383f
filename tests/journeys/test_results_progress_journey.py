"""The organiser waits for a long computation of results in a real browser (with and without JavaScript): the
back-office results page shows the progress with a <progress>, reloads itself while the job runs (no script),
then shows the results; a failed job is said in plain words. axe on each state, no sideways scroll at 320 px."""

import pytest

from participe.instances.scoping import in_instance
from participe.modules.proposals import publication
from participe.modules.proposals.models import ResultRun
from tests.conftest import PASSWORD, make_user
from tests.journeys import accessibility
from tests.journeys.steps import budget_vote, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def vote(site):
    step, _ = budget_vote(
        site, {"budget": "90000", "rule": "mes"}, [("Un jardin partagé", 60000)], supporters=2,
        settings={"visibility": "public"}, is_enabled=True,
    )
    with in_instance(site):
        run = ResultRun.objects.create(
            step=step, rule="mes", instance_id=site.pk, payload={"progress": {"phase": "mes", "percent": 40}}
        )
    return step, run


@pytest.mark.parametrize("mode", ["nojs", "js"], indirect=True)
def test_the_organiser_sees_a_long_computation_progress_then_its_results(journey, site, vote, new_page):
    step, run = vote
    journey.page.set_default_timeout(60_000)  # seven other sessions load the machine
    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)
    url = f"/gestion/proposals/steps/{step.pk}/results/"
    journey.visit(url)
    text = journey.page.text_content("main").replace("\xa0", " ")
    assert "Calcul en cours : 40 %" in text and "parts égales" in text
    assert journey.page.get_attribute("main progress", "value") == "40"
    assert journey.page.get_attribute("meta[http-equiv=refresh]", "content") == "2"
    if journey.mode == "js":
        # axe and the 320 px check on the same markup without its refresh (axe takes longer than 2 s under load).
        page = new_page()
        page.set_viewport_size({"width": 320, "height": 640})
        page.set_default_timeout(60_000)
        page.context.add_cookies(journey.page.context.cookies())

        def without_refresh(route):
            response = route.fetch()
            route.fulfill(
                response=response, body=response.text().replace('<meta http-equiv="refresh" content="2">', "")
            )

        page.route("**/results/", without_refresh)
        page.goto(journey.base_url + url)
        assert page.locator("main progress").count() == 1
        violations = accessibility.run_axe(page, "results_progress:computing")
        assert not violations, accessibility.describe(violations)
        assert accessibility.horizontal_overflow(page) == 0

    # The job finishes meanwhile: the page reloads itself (a <meta> refresh, in both modes) onto the results.
    with in_instance(site):
        publication.compute_run(ResultRun.objects.select_related("step").get(pk=run.pk))
    journey.page.wait_for_selector("main table", timeout=20_000)
    assert "Un jardin partagé" in journey.page.text_content("main table")
    assert journey.page.locator("meta[http-equiv=refresh]").count() == 0

    # A job that failed: said in plain words, the previous results kept below.
    with in_instance(site):
        ResultRun.objects.create(
            step=step,
            rule="mes",
            instance_id=site.pk,
            state=ResultRun.State.FAILED,
            payload={"error": "OperationalError: the database went away"},
        )
    journey.visit(f"/gestion/proposals/steps/{step.pk}/results/", checkpoint="results-failed")
    alert = journey.page.text_content("main [role=alert]").replace("\xa0", " ")
    assert (
        "a échoué : pas de nouveaux résultats" in alert
        and "OperationalError: the database went away" in alert
    )
    assert "Les résultats ci-dessous sont les précédents." in alert
