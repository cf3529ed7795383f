"""The back office's community screens in a real browser (JS on, JS off, keyboard only), with the accessibility
checks at each checkpoint: an administrator hides two proposals in bulk with a reason, opens one's history, then
goes through the participants, a participant's page, the exports and the action log."""

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser


def _choose(journey, selector, value):
    if journey.keyboard:
        journey.tab_to(selector)
    journey.page.select_option(selector, value)


def test_an_administrator_moderates_in_bulk_and_manages_participants(journey, site):
    from participe.modules.proposals.models import Proposal
    from participe.projects.models import Project, Step

    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    author = make_user(site, "auteur@example.org", display_name="Auteur")
    with in_instance(site):
        project = Project.objects.create(title="Budget 2027", slug="budget-2027", is_published=True)
        step = Step.objects.create(project=project, type="collect", title="Dépôt", slug="depot", is_enabled=True,
                                   settings={"vote": {"type": "none"}})
        proposals = [Proposal.objects.create(step=step, author=author, title=f"Idée {n}") for n in range(3)]

    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)
    journey.visit("/gestion/")
    journey.press("nav.gestion__nav a[href='/gestion/contributions/']", checkpoint="contributions")
    for proposal in proposals[:2]:
        journey.tick(f"input[name=items][value='proposals.proposal:{proposal.pk}']")
    _choose(journey, "#id_action", "hide")
    journey.fill("#id_reason", "Hors sujet")
    journey.submit(checkpoint="contributions-hidden")
    with in_instance(site):
        assert sorted(Proposal.objects.values_list("status", flat=True)) == ["hidden", "hidden", "published"]

    journey.press(f"main a[href='/gestion/contributions/proposals.proposal/{proposals[0].pk}/']", checkpoint="contribution")
    assert "Masqué" in journey.page.locator("main table").last.locator("td").all_inner_texts()  # the action by its name

    journey.press("nav.gestion__nav a[href='/gestion/participants/']", checkpoint="participants")
    journey.press(f"main a[href='/gestion/participants/{author.pk}/']", checkpoint="participant")
    journey.press("nav.gestion__nav a[href='/gestion/exports/']", checkpoint="exports")
    journey.press("nav.gestion__nav a[href='/gestion/log/']", checkpoint="action-log")
    assert "Hors sujet" in journey.page.content()
