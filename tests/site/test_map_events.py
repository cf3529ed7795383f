"""Events on the agenda's Leaflet map: places passed as a JSON block, the districts under them, the offline
fallback's text; an event typed with an address alone is placed by the geocoding job after the commit."""

import json
import re
from html import unescape

import pytest

from participe.instances.scoping import in_instance
from participe.site.models import Event
from tests.doubles.geocoder import FakeGeocoder
from tests.site.helpers import make_district, make_event, square


def _map_data(html):
    match = re.search(r'<script id="events-map-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(unescape(match.group(1))) if match else None


def test_the_agenda_maps_its_events_that_have_a_place(client_a, instance_a, instance_b):
    make_district(instance_a, "centre", geometry=square(1.44, 43.60), name="Centre")
    placed = make_event(instance_a, "reunion", title="Réunion publique", latitude=43.6045, longitude=1.444)
    make_event(instance_a, "en-ligne", title="Webinaire", online_url="https://visio.example.org/")
    make_event(instance_b, "ailleurs", title="Ailleurs", latitude=45.0, longitude=5.0)
    response = client_a.get("/agenda/")
    html = response.content.decode()
    data = _map_data(html)
    assert [(f["properties"]["title"], f["properties"]["url"], f["geometry"]["coordinates"])
            for f in data["places"]["features"]] == [("Réunion publique", placed.get_absolute_url(), [1.444, 43.6045])]
    assert [f["properties"]["name"] for f in data["districts"]["features"]] == ["Centre"]
    assert "/static/leaflet/leaflet.js" in html and "/static/website/maps.js" in html
    assert re.search(r'data-site-map[^>]*data-offline-text="[^"]+"', html)
    assert "<script>" not in html and " style=" not in html  # the CSP forbids inline scripts and styles
    assert client_a.get("/static/website/maps.js").status_code == 200


def test_no_place_no_map(client_a, instance_a):
    make_event(instance_a, "en-ligne", title="Webinaire")
    html = client_a.get("/agenda/").content.decode()
    assert "data-site-map" not in html and "leaflet.js" not in html


@pytest.mark.django_db
def test_an_event_typed_with_an_address_alone_gets_its_point(
    client_a, instance_a, settings, django_capture_on_commit_callbacks
):
    settings.GEOCODER = "tests.doubles.geocoder.FakeGeocoder"
    FakeGeocoder.asked = []
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(instance_a, "capitole", title="Au Capitole", address="Place du Capitole, Toulouse")
        make_event(instance_a, "place", title="Déjà placé", address="Allées Jean Jaurès, Toulouse",
                   latitude=43.0, longitude=1.0)
    assert FakeGeocoder.asked == ["Place du Capitole, Toulouse"]  # a point typed by hand is kept
    with in_instance(instance_a):
        event = Event.objects.get(pk=event.pk)
    assert (event.latitude, event.longitude) == (43.6045, 1.444)
    titles = [f["properties"]["title"] for f in _map_data(client_a.get("/agenda/").content.decode())["places"]["features"]]
    assert titles == ["Au Capitole", "Déjà placé"]


def test_the_proposals_map_data_carries_the_districts(client_a, instance_a):
    from tests.proposals.conftest import make_step

    make_district(instance_a, "centre", geometry=square(1.44, 43.60), name="Centre")
    step = make_step(instance_a)
    data = client_a.get(f"/proposals/step/{step.pk}/map.json").json()
    assert data["type"] == "FeatureCollection" and data["features"] == []
    assert [f["properties"]["name"] for f in data["districts"]["features"]] == ["Centre"]
