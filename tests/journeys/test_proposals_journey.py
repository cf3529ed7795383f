"""Proposals, in a real browser: submit a proposal with a map point, then fill a budget ballot.

The proposal is submitted in an open collect step (latitude and longitude typed: without JavaScript they
are plain inputs); staff then select it into a budget vote step (through the ORM), where the participant
adds proposals within the envelope, sees what is left, and cannot add one that does not fit (its button is
disabled and says why; the refusal of a forced POST is tested in tests/proposals/test_budget_ballot.py).
Each journey runs with JavaScript, without it, and with the keyboard only (the `mode` fixture).
"""

from decimal import Decimal

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser

ENVELOPE = "100000"


@pytest.fixture
def budget(site):
    """A collect step asking for the map point and the cost, and a budget vote step of 100 000 €."""
    from participe.projects.models import Project, Step

    with in_instance(site):
        project = Project.objects.create(title="Budget participatif", slug="budget", is_published=True)
        fields = {name: {"enabled": True, "required": False} for name in ("address", "estimated_cost")}
        collect = Step.objects.create(
            project=project,
            type="collect",
            title="Dépôt des projets",
            slug="depot",
            position=1,
            settings={"vote": {"type": "none"}, "fields": fields},
        )
        vote = Step.objects.create(
            project=project,
            type="selection",
            title="Vote",
            slug="vote",
            position=2,
            settings={"vote": {"type": "budget", "budget": ENVELOPE}},
        )
    return collect, vote


def _card_button(proposal):
    return (
        f"article[aria-labelledby='proposal-{proposal.pk}-title'] form[data-ballot-form] button[type=submit]"
    )


def _add_to_ballot(journey, proposal):
    pressed = f"article[aria-labelledby='proposal-{proposal.pk}-title'] button[aria-pressed=true]"
    if journey.mode == "nojs":  # a form POST, then the page again
        journey.press(_card_button(proposal), checkpoint="proposals-ballot")
    else:  # the enhanced page changes in place, without a reload
        if journey.keyboard:
            journey.tab_to(_card_button(proposal))
            journey.page.keyboard.press("Enter")
        else:
            journey.page.click(_card_button(proposal))
        journey.page.wait_for_selector(pressed)
        journey.arrived(checkpoint="proposals-ballot")
    assert journey.sees(pressed)


def _left(journey):
    """What is left in the envelope, as the ballot's sticky summary says it, digits only."""
    cell = journey.page.locator("[data-ballot-panel] [data-ballot-left]").first.text_content()
    return "".join(ch for ch in cell if ch.isdigit())


def test_submit_a_proposal_with_a_point_then_fill_a_budget_ballot(journey, site, budget):
    from participe.modules.proposals.models import Ballot, Proposal
    from participe.modules.proposals.selection import select

    collect, vote = budget
    make_user(site, "habitant@example.org", display_name="Habitant")

    journey.visit("/")
    log_in(journey, "habitant@example.org", PASSWORD)
    journey.visit(f"/proposals/step/{collect.pk}/", checkpoint="proposals-collect")
    journey.press(f"main a[href='/proposals/step/{collect.pk}/new/']", checkpoint="proposals-form")
    journey.fill("#id_title", "Un jardin partagé")
    journey.fill("#id_summary", "Un jardin cultivé par les habitants du quartier.")
    journey.fill("#id_body", "Sur la friche de la rue des Lilas : des bacs, un composteur, un point d'eau.")
    journey.fill("#id_address", "Rue des Lilas")
    journey.fill("#id_latitude", "43.6045")
    journey.fill("#id_longitude", "1.444")
    journey.fill("#id_estimated_cost", "40000")
    journey.press("main form[method=post] button[name=publish]", checkpoint="proposals-detail")
    with in_instance(site):
        garden = Proposal.objects.get()
        assert garden.status == "published"
        assert (round(garden.latitude, 4), round(garden.longitude, 4)) == (
            Decimal("43.6045"),
            Decimal("1.4440"),
        )
        assert journey.path == garden.get_absolute_url()

        benches = Proposal.objects.create(
            step=collect, title="Des bancs publics", estimated_cost=50000, status="published"
        )
        playground = Proposal.objects.create(
            step=collect, title="Une aire de jeux", estimated_cost=30000, status="published"
        )
        select([garden, benches, playground], vote)

    journey.visit(f"/proposals/step/{vote.pk}/", checkpoint="proposals-vote")
    _add_to_ballot(journey, garden)
    assert _left(journey) == "60000"
    _add_to_ballot(journey, benches)
    assert _left(journey) == "10000"

    # 30 000 € do not fit in the 10 000 € left: the button is disabled, and says why.
    assert journey.page.is_disabled(_card_button(playground))
    refusal = journey.page.text_content(f"#ballot-why-{playground.pk}")
    journey.arrived(checkpoint="proposals-refused")
    assert "10" in refusal and "30" in refusal, refusal
    assert journey.sees(
        f"article[aria-labelledby='proposal-{playground.pk}-title'] button[aria-pressed=false]"
    )
    with in_instance(site):
        ballot = Ballot.objects.get(step=vote)
        assert ballot.total_cost == Decimal("90000")
        assert set(ballot.items.values_list("proposal_id", flat=True)) == {garden.pk, benches.pk}
