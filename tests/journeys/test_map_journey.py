"""Maps in a browser: the home's district map passes axe (no link inside an image), and the agenda's Leaflet
map still draws its districts and markers on a plain background when every tile request fails."""

import pytest

from participe.instances.scoping import in_instance
from participe.site.models import HomeSection
from tests.journeys import accessibility
from tests.site.helpers import make_district, make_event, make_section, square

pytestmark = pytest.mark.browser


def _districts(site):
    make_district(site, "centre", geometry=square(1.44, 43.60), name="Centre")
    make_district(site, "rive-gauche", geometry=square(1.42, 43.60), name="Rive gauche")


def test_the_home_district_map_passes_axe_and_its_areas_are_links(site, live_server, new_page):
    _districts(site)
    make_section(site, HomeSection.Kind.PROJECTS_MAP, title="Près de chez vous")
    page = new_page()
    page.goto(live_server.url + "/")
    violations = accessibility.run_axe(page, "page:home-district-map")
    assert not violations, accessibility.describe(violations)
    assert page.locator("svg[role=img] a").count() == 0
    area = page.get_by_role("group", name="Carte des quartiers et de leurs projets").get_by_role("link", name="Centre")
    area.click()
    page.wait_for_url("**/districts/centre/")


def test_the_agenda_map_falls_back_to_a_plain_background_without_tiles(site, live_server, new_page):
    _districts(site)
    with in_instance(site):
        make_event(site, "reunion", title="Réunion publique", latitude=43.61, longitude=1.45)
    page = new_page()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())  # no tile server reachable
    page.goto(live_server.url + "/agenda/")
    page.wait_for_selector(".site-map.map--offline")
    assert page.locator(".map__offline-note").inner_text().startswith("Le fond de carte n’a pas pu être chargé")
    assert page.locator(".site-map path.map__district").count() == 2
    assert page.locator(".site-map path.leaflet-interactive:not(.map__district)").count() == 1  # the event's marker
    page.locator(".site-map path.leaflet-interactive:not(.map__district)").click()
    assert page.get_by_role("region").get_by_role("link", name="Réunion publique").is_visible()  # its popup
    # Leaflet fades the popup in: axe reads colours mid-fade as too faint, so wait until it is opaque.
    popup = page.locator(".leaflet-popup")
    for _ in range(100):  # wait_for_function evaluates a string, which the site's CSP refuses
        if popup.evaluate("element => getComputedStyle(element).opacity") == "1":
            break
        page.wait_for_timeout(50)
    violations = accessibility.run_axe(page, "page:agenda-map-offline")
    assert not violations, accessibility.describe(violations)
