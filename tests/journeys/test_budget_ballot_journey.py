"""The budget ballot that guides, in a real browser, with JavaScript, without it and with the keyboard only.

A voter fills a 50 000 € ballot to its envelope and sees the progress and what is left (French number format);
the projects that no longer fit have a disabled button with the reason; she removes one from the sticky summary,
fills the envelope again, reviews her ballot and confirms it. The ballot is checked in the database. With
JavaScript the page never reloads between changes and the polite live region says what changed.
"""

from decimal import Decimal

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.journeys.accessibility import horizontal_overflow
from tests.journeys.steps import budget_vote, log_in

pytestmark = pytest.mark.browser

PROJECTS = [
    ("Jardin partagé", 20000),
    ("Aire de jeux", 30000),
    ("Bancs publics", 17500),
    ("Fresque murale", 12500),
]


@pytest.fixture
def vote(site):
    return budget_vote(
        site, {"budget": "50000", "min_choices": 2, "confirm": True}, PROJECTS, title="Vote du budget", position=1
    )


def _toggle(pk):
    return f"form[data-ballot-form][data-proposal='{pk}'] button[type=submit]"


def _panel_remove(pk):
    return f"[data-ballot-panel] form[data-ballot-form]:has(input[name=proposal][value='{pk}']) button"


def _act(journey, selector, wait_for):
    """Press a ballot button: a form POST and a new page without JavaScript; in place with it."""
    if journey.mode == "nojs":
        journey.press(selector)
    elif journey.keyboard:
        journey.tab_to(selector)
        journey.page.keyboard.press("Enter")
    else:
        journey.page.click(selector)
    journey.page.wait_for_selector(wait_for)
    assert not journey.console_errors, journey.console_errors


def _text(journey, selector):
    return " ".join(journey.page.locator(selector).first.text_content().split())


def _left(journey):
    return _text(journey, "[data-ballot-left]")


def test_fill_a_budget_ballot_to_its_envelope_review_and_confirm(journey, site, vote):
    from participe.modules.proposals.models import Ballot

    step, (garden, playground, benches, fresco) = vote
    make_user(site, "votante@example.org", display_name="Votante")
    journey.visit("/")
    log_in(journey, "votante@example.org", PASSWORD)
    journey.visit(f"/proposals/step/{step.pk}/", checkpoint="ballot-empty")
    if journey.mode != "nojs":
        journey.page.evaluate("() => { window.stillTheSamePage = true; }")
    assert _left(journey) == "50 000 €"
    assert "Il vous reste à choisir au moins 2 projets." in _text(journey, "[data-ballot-state]")
    # The filters wait behind one disclosure.
    assert journey.sees("details.proposal-filters-disclosure:not([open]) > summary")

    _act(journey, _toggle(garden.pk), f"{_toggle(garden.pk)}[aria-pressed=true]")
    assert _left(journey) == "30 000 €"
    assert journey.page.get_attribute("[data-ballot-panel] progress", "value") == "40"
    _act(journey, _toggle(playground.pk), f"{_toggle(playground.pk)}[aria-pressed=true]")
    assert _left(journey) == "0 €"  # the envelope is full
    assert _text(journey, "[data-ballot-panel] .ballot-envelope__label") == "50 000 € dépensés sur 50 000 €"
    # Nothing more fits: the other buttons are disabled and say why.
    for proposal in (benches, fresco):
        assert journey.page.is_disabled(_toggle(proposal.pk))
        assert "il reste 0 €" in _text(journey, f"#ballot-why-{proposal.pk}")
    if journey.mode != "nojs":
        live = journey.page.locator("[data-ballot-live]")
        for _ in range(50):
            if "Votre choix est enregistré" in (live.text_content() or ""):
                break
            journey.page.wait_for_timeout(100)
        assert "Votre choix est enregistré" in live.text_content()
    journey.arrived(checkpoint="ballot-full")

    # Removed from the sticky summary, then two cheaper projects fill the envelope again.
    _act(
        journey, _panel_remove(playground.pk), f"{_toggle(playground.pk)}[aria-pressed=false]:not([disabled])"
    )
    assert _left(journey) == "30 000 €"
    _act(journey, _toggle(benches.pk), f"{_toggle(benches.pk)}[aria-pressed=true]")
    _act(journey, _toggle(fresco.pk), f"{_toggle(fresco.pk)}[aria-pressed=true]")
    assert _left(journey) == "0 €"
    assert "vérifiez-la et confirmez votre vote" in _text(journey, "[data-ballot-state]")
    if journey.mode != "nojs":
        assert journey.page.evaluate("() => window.stillTheSamePage === true"), "the page reloaded"

    # Phones: no horizontal scroll at 320 px with the summary on top.
    journey.page.set_viewport_size({"width": 320, "height": 640})
    assert horizontal_overflow(journey.page) <= 0
    journey.page.set_viewport_size({"width": 1280, "height": 900})

    journey.press("[data-ballot-review]", checkpoint="ballot-review")
    review = _text(journey, "main .ballot-review")
    for title in ("Jardin partagé", "Bancs publics", "Fresque murale"):
        assert title in review
    assert "Aire de jeux" not in review and "50 000 €" in review and "Modifier" in review
    with in_instance(site):
        assert not Ballot.objects.get(step=step).is_counted  # not before the confirmation
    journey.press("main form[action$='/ballot/confirm/'] button[type=submit]", checkpoint="ballot-confirmed")
    confirmed = _text(journey, "main")
    assert (
        "Votre vote est confirmé : il compte." in confirmed and "vous pouvez encore le modifier" in confirmed
    )

    with in_instance(site):
        ballot = Ballot.objects.get(step=step)
        assert ballot.is_counted and ballot.confirmed_at is not None
        assert ballot.total_cost == Decimal("50000")
        assert set(ballot.items.values_list("proposal_id", flat=True)) == {garden.pk, benches.pk, fresco.pk}
