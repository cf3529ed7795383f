"""Budget results, in a real browser: hidden from the public while the vote is open, seen by the organiser,
updated after a new ballot by the beat task, published by the organiser; then the public sees them and a voter
sees how their share was spent. Runs with JavaScript, without it, and with the keyboard only (`mode`)."""

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.journeys.steps import budget_vote, log_in, log_out
from tests.journeys.test_proposals_journey import _add_to_ballot

pytestmark = pytest.mark.browser


@pytest.fixture
def vote(site):
    """A budget vote of 90 000 € counted by equal shares; two neighbours chose the garden (60 000 €)."""
    step, (garden, benches) = budget_vote(
        site, {"budget": "90000", "rule": "mes", "mes_increment": ""},
        [("Un jardin partagé", 60000), ("Des bancs publics", 30000)], supporters=2,
    )
    return step, garden, benches


def _results(journey, step, checkpoint):
    journey.visit(f"/proposals/step/{step.pk}/results/", checkpoint=checkpoint)
    return journey.page.text_content("main").replace("\xa0", " ").replace("\u202f", " ")


def test_results_hidden_then_published_then_each_voter_sees_their_share(journey, site, vote):
    from participe.modules.proposals.tasks import refresh_results

    step, garden, benches = vote
    make_user(site, "organisatrice@example.org", display_name="Organisatrice", is_instance_admin=True)
    make_user(site, "habitant@example.org", display_name="Habitant")
    refresh_results()  # the beat task, every minute

    journey.visit("/")
    hidden = _results(journey, step, "budget-results-hidden")
    assert "Un jardin partagé" not in hidden and "publiés par l'organisateur" in hidden

    log_in(journey, "organisatrice@example.org", PASSWORD)
    first = _results(journey, step, "budget-results-organiser")
    assert "Un jardin partagé" in first and "2 bulletins comptés" in first and "Pas encore publié" in first
    log_out(journey)

    # A new ballot: the habitant chooses the benches.
    log_in(journey, "habitant@example.org", PASSWORD)
    journey.visit(f"/proposals/step/{step.pk}/")
    _add_to_ballot(journey, benches)  # with JavaScript the page changes in place, without a reload
    assert journey.sees(f"article[aria-labelledby='proposal-{benches.pk}-title'] button[aria-pressed=true]")
    assert "Un jardin partagé" not in _results(journey, step, None)  # still hidden from the voters
    log_out(journey)

    assert refresh_results() == 1  # the next minute's run sees the new ballot
    log_in(journey, "organisatrice@example.org", PASSWORD)
    updated = _results(journey, step, None)
    assert "3 bulletins comptés" in updated
    journey.press("main form[action$='/results/publish/'] button[type=submit]", checkpoint="budget-results-published")
    assert "Les résultats sont publiés" in journey.page.text_content("main")
    log_out(journey)

    public = _results(journey, step, "budget-results-public")
    assert "Un jardin partagé" in public and "Des bancs publics" in public and "90 000 €" in public

    log_in(journey, "habitant@example.org", PASSWORD)
    journey.visit(f"/proposals/step/{step.pk}/")
    journey.press(f"main a[href='/proposals/step/{step.pk}/my-ballot/']", checkpoint="budget-my-share")
    mine = journey.page.text_content("main").replace("\xa0", " ").replace("\u202f", " ")
    # 90 000 € for 3 voters: 30 000 € each, all of the habitant's spent on the benches.
    assert "une part de 30 000 €" in mine and "Des bancs publics" in mine
    assert "Reste de votre part : 0 €" in mine and "Un jardin partagé" not in mine
    with in_instance(site):
        from participe.modules.proposals.models import ResultRun

        assert ResultRun.objects.filter(step=step, published_at__isnull=False).get().ballots_counted == 3
