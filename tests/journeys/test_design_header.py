"""The compact header on phones: at most 15 % of a 375×667 screen, no horizontal scroll at 320 px, a menu that
opens without JavaScript (a <details>), targets of 44 px; on a desktop the menus show without the button, on one
line from 1280 px."""

import pytest

from tests.journeys import accessibility

pytestmark = pytest.mark.browser


def _header_height(page):
    return page.eval_on_selector("header.site-header", "element => element.getBoundingClientRect().height")


@pytest.mark.parametrize("mode", ["js", "nojs"])
@pytest.mark.parametrize(("width", "height"), [(375, 667), (320, 640)])
def test_the_phone_header_is_compact_and_its_menu_opens_without_script(
    mode, width, height, site, live_server, new_page
):
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


# The rows the header's links sit on: the distinct vertical centres of its visible links and buttons.
LINK_ROWS = """() => [...new Set([...document.querySelectorAll(
  "header.site-header :is(.site-brand, nav a, nav button)")]
  .filter(el => el.getClientRects().length)
  .map(el => { const box = el.getBoundingClientRect(); return Math.round((box.top + box.height / 2) / 8); }))]"""
MENU_ROWS = """selector => [...new Set([...document.querySelectorAll(selector + " > ul > li")]
  .map(el => Math.round(el.getBoundingClientRect().top)))].length"""


def _signed_in(page, live_server, user):
    from django.test import Client

    client = Client(HTTP_HOST=live_server.url.split("//")[1])
    client.force_login(user, backend="participe.accounts.backends.InstanceEmailBackend")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize("who", ["visitor", "participant", "staff"])
def test_the_desktop_header_never_wraps_its_menus_from_1024_to_1440_px(who, site, live_server, new_page):
    """With the demo's menus (seven French labels), the account menu and the language switch: one line at 1280 px
    and up (staff, with one more link, from 1440 px), below that two rows drawn as such (brand and account menu,
    then the main menu), never a menu wrapping onto a line of its own; compact on a phone."""
    from tests.conftest import make_user

    page = new_page()
    if who != "visitor":
        name = "Camille Martin-Delacroix" if who == "participant" else "Administratrice Démo"
        email = f"{who}@example.org"
        _signed_in(
            page, live_server, make_user(site, email, display_name=name, is_instance_admin=who == "staff")
        )
    page.goto(live_server.url + "/")
    assert page.locator("nav.site-nav > ul > li").count() >= 6, "the default main menu"
    one_line_from = 1440 if who == "staff" else 1280
    for width in (1024, 1280, 1440):
        page.set_viewport_size({"width": width, "height": 800})
        rows = page.evaluate(LINK_ROWS)
        assert page.evaluate(MENU_ROWS, "nav.site-nav") == 1, f"{who} at {width} px: the main menu wraps"
        assert page.evaluate(MENU_ROWS, "nav.account-nav") == 1, (
            f"{who} at {width} px: the account menu wraps"
        )
        if width >= one_line_from:
            assert len(rows) == 1 and _header_height(page) <= 72, f"{who} at {width} px: {len(rows)} rows"
        else:
            assert len(rows) == 2 and _header_height(page) <= 120, f"{who} at {width} px: {len(rows)} rows"
        assert accessibility.horizontal_overflow(page) <= 0, accessibility.overflow_report(page)
        page.screenshot(path=f"test-artifacts/design-header-{who}-{width}px.png")
    page.set_viewport_size({"width": 375, "height": 667})
    assert _header_height(page) <= 0.15 * 667
    assert accessibility.horizontal_overflow(page) <= 0, accessibility.overflow_report(page)


def test_the_style_guide_and_a_step_page_pass_axe_and_fit_a_phone(site, live_server, new_page):
    from django.test import Client

    from participe.instances.scoping import in_instance
    from participe.projects.models import Project, Step
    from tests.conftest import make_user

    admin = make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    with in_instance(site):
        project = Project.objects.create(title="Réaménager le parc des Rives", slug="parc", is_published=True)
        step = Step.objects.create(
            project=project,
            type="presentation",
            title="Présentation",
            slug="presentation",
            body="<p>Le parc sera réaménagé.</p>",
        )
        Step.objects.create(project=project, type="other", title="Ateliers", slug="ateliers")
    client = Client(HTTP_HOST=live_server.url.split("//")[1])
    client.force_login(admin, backend="participe.accounts.backends.InstanceEmailBackend")
    page = new_page()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for path in ("/styleguide/", step.get_absolute_url()):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server.url + path)
        violations = accessibility.run_axe(page, f"page:design{path}")
        assert not violations, f"{path}:\n{accessibility.describe(violations)}"
        page.screenshot(path=f"test-artifacts/design{path.replace('/', '-')}1280px.png", full_page=True)
        page.set_viewport_size({"width": 375, "height": 667})
        page.reload()
        assert _header_height(page) <= 0.15 * 667, path
        assert accessibility.horizontal_overflow(page) <= 0, accessibility.overflow_report(page)
        page.screenshot(path=f"test-artifacts/design{path.replace('/', '-')}375px.png", full_page=True)
    # On a phone the step page shows its own step; "Show all steps" (no script needed) unfolds the others.
    assert page.is_visible("li.timeline__step--current") and not page.is_visible(
        "li.timeline__step:not(.timeline__step--current)"
    )
    page.click("details.timeline__toggle summary")
    assert page.is_visible("li.timeline__step:not(.timeline__step--current)")
