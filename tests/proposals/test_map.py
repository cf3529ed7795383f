"""The Leaflet map: assets from django-leaflet, data passed by attributes, tile server allowed by the CSP."""

import re
from html import unescape

import pytest
from django.conf import settings

from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Proposal
from participe.settings import _csp_with_tiles
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step


def _attribute(html, name, marker):
    tag = re.search(rf"<[^>]*{marker}[^>]*>", html).group(0)
    return unescape(re.search(rf'{name}="([^"]*)"', tag).group(1))


def _img_src(response):
    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return directives["img-src"].split()


@pytest.mark.django_db
def test_map_view_loads_leaflet_and_passes_its_data_by_attributes(instance_a, client_a):
    step = make_step(instance_a)
    make_proposal(step, "Un banc", latitude=43.6045, longitude=1.444)
    response = client_a.get(f"/proposals/step/{step.pk}/?view=map")
    html = response.content.decode()
    for asset in ("/static/leaflet/leaflet.js", "/static/leaflet/leaflet.css", "/static/proposals/map.js"):
        assert asset in html
        assert client_a.get(asset).status_code == 200  # shipped by django-leaflet / our static folder
    assert "<script>" not in html and " style=" not in html  # no inline script or style (CSP)
    assert _attribute(html, "data-tiles-url", "data-proposal-map") == settings.PARTICIPE_MAP_TILES_URL
    assert _attribute(html, "data-attribution", "data-proposal-map") == settings.PARTICIPE_MAP_ATTRIBUTION
    data_url = _attribute(html, "data-map-url", "data-proposal-map")
    features = client_a.get(data_url).json()["features"]
    assert [f["properties"]["title"] for f in features] == ["Un banc"]
    # The view switch says "Carte" (the consultation's source category "Map" has its own context and word).
    assert "Carte" in html and "Document cartographique" not in html
    # Without JavaScript the table of places stays.
    assert "<table" in html and "Un banc" in html
    # The CSP lets the tiles in.
    tiles_origin = re.match(r"https?://[^/]+", settings.PARTICIPE_MAP_TILES_URL).group(0)
    assert tiles_origin in _img_src(response)
    # The list view does not load the map's scripts.
    assert "leaflet.js" not in client_a.get(f"/proposals/step/{step.pk}/").content.decode()


def test_the_csp_follows_the_tile_setting():
    assert "http://tiles.intranet:8080" in _csp_with_tiles("http://tiles.intranet:8080/{z}/{x}/{y}.png")
    assert "https://*.tile.example.org" in _csp_with_tiles("https://{s}.tile.example.org/{z}/{x}/{y}.png")
    assert settings.CONTENT_SECURITY_POLICY == _csp_with_tiles(settings.PARTICIPE_MAP_TILES_URL)


@pytest.mark.django_db
def test_submit_form_offers_a_point_picker_and_works_with_the_address_alone(instance_a, participant_a):
    step = make_step(instance_a, fields={"address": {"enabled": True}})
    client = host_client("a.test", participant_a)
    html = client.get(f"/proposals/step/{step.pk}/new/").content.decode()
    assert "data-point-picker" in html and "/static/leaflet/leaflet.js" in html
    assert 'name="latitude"' in html and 'name="longitude"' in html
    response = client.post(
        f"/proposals/step/{step.pk}/new/",
        {"title": "Un abri vélo", "body": "<p>Texte</p>", "address": "Place du Capitole", "publish": "1"},
    )
    assert response.status_code == 302
    with in_instance(instance_a):
        proposal = Proposal.objects.get(title="Un abri vélo")
    assert proposal.address == "Place du Capitole" and not proposal.has_point
