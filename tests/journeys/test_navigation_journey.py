"""Paging through a filtered list and going back up a breadcrumb trail, in a real browser (three modes)."""

import pytest

from tests.site.helpers import make_event, make_theme

pytestmark = pytest.mark.browser


def test_page_through_past_events_of_a_theme_then_climb_the_trail(journey, site):
    theme = make_theme(site, "velo", name="Vélo")
    for n in range(14):
        make_event(site, f"sortie-{n}", days=-(n + 1), themes=[theme], title=f"Sortie {n}")

    journey.visit("/agenda/?when=past&theme=velo", checkpoint="agenda-page-1")
    assert journey.page.inner_text("nav.pagination li[aria-current=page]") == "Page 1 sur 2"
    journey.press("nav.pagination a[rel=next]", checkpoint="agenda-page-2")
    assert journey.path == "/agenda/?when=past&theme=velo&page=2"
    assert journey.sees("text=Sortie 13") and not journey.sees("nav.pagination a[rel=next]")
    journey.press("nav.pagination a[rel=prev]")
    assert journey.path == "/agenda/?when=past&theme=velo&page=1"

    journey.visit("/agenda/sortie-0/", checkpoint="event")
    assert journey.page.inner_text("nav.breadcrumb [aria-current=page]") == "Sortie 0"
    journey.press("nav.breadcrumb a[href='/agenda/']")
    assert journey.path == "/agenda/"
