"""Geocoding: an address typed alone is placed by a background job after the save, filed under its district,
and shown on the map; the providers read their services' answers; no test reaches the network."""

import io
import json

import pytest

from participe.core import geocoding
from participe.core.geocoding import AddressApi, Nominatim, Point, geocode
from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Proposal
from participe.site.models import District
from tests.conftest import host_client
from tests.doubles.geocoder import FakeGeocoder
from tests.proposals.conftest import make_proposal, make_step

SQUARE = {"type": "Polygon", "coordinates": [[[1.43, 43.60], [1.46, 43.60], [1.46, 43.61], [1.43, 43.61], [1.43, 43.60]]]}


@pytest.fixture
def fake_geocoder(settings):
    settings.GEOCODER = "tests.doubles.geocoder.FakeGeocoder"
    FakeGeocoder.asked = []
    return FakeGeocoder


def _submit(client, step, django_capture_on_commit_callbacks, **data):
    """Post the form; the provider must not be asked before the commit (the form never waits for it)."""
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            f"/proposals/step/{step.pk}/new/",
            {"title": "Un abri vélo", "body": "<p>Texte</p>", "publish": "1", **data},
        )
    assert response.status_code == 302
    assert FakeGeocoder.asked == []
    for callback in callbacks:
        callback()


@pytest.mark.django_db
def test_an_address_alone_is_geocoded_after_the_save_and_the_map_shows_it(
    instance_a, participant_a, fake_geocoder, django_capture_on_commit_callbacks
):
    step = make_step(instance_a, fields={"address": {"enabled": True}})
    with in_instance(instance_a):
        centre = District.objects.create(instance=instance_a, name="Centre", slug="centre", geometry=SQUARE)
    client = host_client("a.test", participant_a)
    _submit(client, step, django_capture_on_commit_callbacks, address="Place du Capitole, Toulouse")
    assert fake_geocoder.asked == ["Place du Capitole, Toulouse"]
    with in_instance(instance_a):
        proposal = Proposal.objects.get(title="Un abri vélo")
    assert (float(proposal.latitude), float(proposal.longitude)) == (43.6045, 1.444)
    assert proposal.district_id == centre.pk
    features = client.get(f"/proposals/step/{step.pk}/map.json", HTTP_ACCEPT="application/json").json()["features"]
    assert [(f["properties"]["id"], f["geometry"]["coordinates"]) for f in features] == [
        (proposal.pk, [1.444, 43.6045])
    ]


@pytest.mark.django_db
def test_a_point_placed_by_hand_is_kept_and_the_provider_not_asked(
    instance_a, participant_a, fake_geocoder, django_capture_on_commit_callbacks
):
    step = make_step(instance_a, fields={"address": {"enabled": True}})
    client = host_client("a.test", participant_a)
    _submit(
        client, step, django_capture_on_commit_callbacks,
        address="Place du Capitole, Toulouse", latitude="43.7", longitude="1.5",
    )
    assert fake_geocoder.asked == []
    with in_instance(instance_a):
        proposal = Proposal.objects.get(title="Un abri vélo")
    assert (float(proposal.latitude), float(proposal.longitude)) == (43.7, 1.5)


@pytest.mark.django_db
def test_an_unknown_address_leaves_the_proposal_without_a_point(
    instance_a, participant_a, fake_geocoder, django_capture_on_commit_callbacks
):
    step = make_step(instance_a, fields={"address": {"enabled": True}})
    client = host_client("a.test", participant_a)
    _submit(client, step, django_capture_on_commit_callbacks, address="Nulle part")
    assert fake_geocoder.asked == ["Nulle part"]
    with in_instance(instance_a):
        assert not Proposal.objects.get(title="Un abri vélo").has_point


@pytest.mark.django_db
def test_a_job_for_an_address_edited_since_changes_nothing(instance_a, fake_geocoder):
    from participe.modules.proposals.tasks import geocode_proposal

    step = make_step(instance_a)
    proposal = make_proposal(step, address="Allées Jean Jaurès, Toulouse")
    assert geocode_proposal(instance_a.pk, proposal.pk, "Place du Capitole, Toulouse") is False
    assert geocode_proposal(instance_a.pk, proposal.pk, "Allées Jean Jaurès, Toulouse") is True
    with in_instance(instance_a):
        assert float(Proposal.objects.get(pk=proposal.pk).latitude) == 43.6062


@pytest.mark.django_db
def test_the_job_stays_in_its_instance(instance_a, instance_b, fake_geocoder):
    from participe.modules.proposals.tasks import geocode_proposal

    proposal = make_proposal(make_step(instance_a), address="Place du Capitole, Toulouse")
    assert geocode_proposal(instance_b.pk, proposal.pk, "Place du Capitole, Toulouse") is False
    with in_instance(instance_a):
        assert not Proposal.objects.get(pk=proposal.pk).has_point


class _Answer(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _serve(monkeypatch, payload, seen):
    def urlopen(request, timeout):
        seen.append((request.full_url, request.headers))
        if isinstance(payload, Exception):
            raise payload
        return _Answer(json.dumps(payload).encode())

    monkeypatch.setattr(geocoding.urllib.request, "urlopen", urlopen)


def test_the_national_address_api_answer_is_read(monkeypatch, settings):
    settings.GEOCODER = "ban"
    seen = []
    _serve(monkeypatch, {"features": [{"geometry": {"type": "Point", "coordinates": [1.444, 43.6045]}}]}, seen)
    assert geocode("  Place du   Capitole ") == Point(43.6045, 1.444)
    assert seen[0][0] == f"{AddressApi.url}?q=Place+du+Capitole&limit=1"


def test_nominatim_answer_is_read_and_names_the_site(monkeypatch, settings):
    settings.GEOCODER = "nominatim"
    seen = []
    _serve(monkeypatch, [{"lat": "48.8566", "lon": "2.3522"}], seen)
    assert geocode("Paris") == Point(48.8566, 2.3522)
    assert seen[0][0].startswith(Nominatim.url) and "User-agent" in seen[0][1]


@pytest.mark.parametrize(
    "payload",
    [OSError("timed out"), {"features": []}, {"features": [{"geometry": {}}]}, {"oops": 1},
     {"features": [{"geometry": {"coordinates": [500, 43]}}]}],
)
def test_failures_and_odd_answers_read_as_no_point(monkeypatch, settings, payload):
    settings.GEOCODER = "ban"
    _serve(monkeypatch, payload, [])
    assert geocode("Place du Capitole") is None


def test_none_and_empty_addresses_ask_nobody(settings, monkeypatch):
    settings.GEOCODER = "none"
    _serve(monkeypatch, OSError("no network in tests"), [])
    assert geocode("Place du Capitole") is None
    settings.GEOCODER = "ban"
    assert geocode("   ") is None
