"""The compact header on phones: at most 15 % of a 375×667 screen, no horizontal scroll at 320 px, a menu that
opens without JavaScript (a <details>), targets of 44 px; on a desktop the menus show without the button."""

import pytest

from tests.journeys import accessibility

pytestmark = pytest.mark.browser


def _header_height(page):
    return page.eval_on_selector("header.site-header", "element => element.getBoundingClientRect().height")


@pytest.mark.parametrize("mode", ["js", "nojs"])
@pytest.mark.parametrize(("width", "height"), [(375, 667), (320, 640)])
def test_the_phone_header_is_compact_and_its_menu_opens_without_script(mode, width, height, site, live_server, new_page):
    page = new_page(mode)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + "/")
    assert _header_height(page) <= 0.15 * height
    assert accessibility.horizontal_overflow(page) <= 0, accessibility.overflow_report(page)
    assert not page.is_visible("nav.site-nav") and not page.is_visible("nav.account-nav")
    toggle = page.locator("details.menu-toggle summary")
    box = toggle.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    toggle.click()
    assert page.is_visible("nav.account-nav a[href^='/accounts/login/']")
    login = page.locator("nav.account-nav a[href^='/accounts/login/']").bounding_box()
    assert login["height"] >= 44
    assert accessibility.horizontal_overflow(page) <= 0, accessibility.overflow_report(page)
    toggle.click()
    assert not page.is_visible("nav.account-nav")


def test_the_desktop_header_shows_the_menus_without_a_button(site, live_server, new_page):
    page = new_page()
    page.goto(live_server.url + "/")
    assert not page.is_visible("details.menu-toggle")
    assert page.is_visible("nav.account-nav a[href^='/accounts/login/']")
    assert _header_height(page) <= 100
