from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from participe.instances.scoping import in_instance
from participe.site.models import Event, Registration
from tests.conftest import host_client, make_user
from tests.site.helpers import make_event, make_theme

Status = Registration.Status


def _state(instance, event):
    with in_instance(instance):
        event = Event.objects.get(pk=event.pk)
        statuses = dict(Registration.objects.filter(event=event).values_list("user__email", "status"))
    return event, statuses


def test_agenda_lists_upcoming_then_past_events(client_a, instance_a):
    make_event(instance_a, "bientot", days=2, title="Bientôt")
    make_event(instance_a, "plus-tard", days=9, title="Plus tard")
    make_event(instance_a, "passe", days=-5, title="Passé")
    make_event(instance_a, "cache", days=3, title="Caché", is_published=False)
    upcoming = client_a.get("/agenda/").content.decode()
    assert upcoming.index("Bientôt") < upcoming.index("Plus tard")
    assert "Passé" not in upcoming and "Caché" not in upcoming
    past = client_a.get("/agenda/?when=past").content.decode()
    assert "Passé" in past and "Bientôt" not in past


def test_agenda_is_paginated_in_constant_queries(client_a, instance_a, django_assert_max_num_queries):
    theme = make_theme(instance_a, "t")
    for n in range(15):
        make_event(instance_a, f"e-{n}", days=n + 1, themes=[theme], title=f"Événement {n}")
    with django_assert_max_num_queries(6):
        first = client_a.get("/agenda/").content.decode()
    assert "Événement 11" in first and "Événement 12" not in first
    assert "Événement 12" in client_a.get("/agenda/?page=2").content.decode()


def test_event_page_shows_place_and_places_left(client_a, instance_a):
    make_event(
        instance_a,
        "atelier",
        title="Atelier",
        address="Salle du Sénéchal",
        latitude=43.6,
        longitude=1.44,
        capacity=10,
        registration_open=True,
    )
    html = client_a.get("/agenda/atelier/").content.decode()
    assert "Salle du Sénéchal" in html and "openstreetmap.org/?mlat=43.60000" in html
    assert "10" in html
    assert '<meta property="og:title" content="Atelier">' in html


def test_anonymous_visitor_is_sent_to_log_in(client_a, instance_a):
    make_event(instance_a, "atelier", registration_open=True, capacity=5)
    response = client_a.post("/agenda/atelier/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_registration_confirms_then_waits_then_refuses(instance_a, django_capture_on_commit_callbacks):
    event = make_event(
        instance_a, "atelier", title="Atelier vélo", registration_open=True, capacity=1, waiting_list=True
    )
    first = make_user(instance_a, "first@a.test")
    second = make_user(instance_a, "second@a.test")
    with django_capture_on_commit_callbacks(execute=True):
        response = host_client("a.test", first).post("/agenda/atelier/register/", follow=True)
    assert "confirm" in response.content.decode().lower()
    with django_capture_on_commit_callbacks(execute=True):
        host_client("a.test", second).post("/agenda/atelier/register/")
    event, statuses = _state(instance_a, event)
    assert statuses == {"first@a.test": Status.CONFIRMED, "second@a.test": Status.WAITING}
    assert (event.confirmed_count, event.waiting_count) == (1, 1)
    assert [m.to for m in mail.outbox] == [["first@a.test"], ["second@a.test"]]
    assert "Atelier vélo" in mail.outbox[0].subject
    assert "http://a.test/agenda/atelier/" in mail.outbox[0].body
    waiting_page = host_client("a.test", second).get("/agenda/atelier/").content.decode()
    assert "(position 1)" in waiting_page


def test_registering_twice_keeps_one_registration(instance_a, participant_a):
    make_event(instance_a, "atelier", registration_open=True, capacity=5)
    client = host_client("a.test", participant_a)
    client.post("/agenda/atelier/register/")
    client.post("/agenda/atelier/register/")
    with in_instance(instance_a):
        assert Registration.objects.count() == 1
        assert Event.objects.get().confirmed_count == 1


def test_full_event_without_waiting_list_refuses(instance_a, participant_a, make_account):
    event = make_event(instance_a, "atelier", registration_open=True, capacity=1, waiting_list=False)
    host_client("a.test", make_account(instance_a, "other@a.test")).post("/agenda/atelier/register/")
    response = host_client("a.test", participant_a).post("/agenda/atelier/register/", follow=True)
    assert response.status_code == 200
    assert "full" in response.content.decode() or "complet" in response.content.decode()
    _event, statuses = _state(instance_a, event)
    assert "participant@a.test" not in statuses


@pytest.mark.parametrize("fields", [{"registration_open": False}, {"registration_open": True, "days": -2}])
def test_closed_or_past_event_refuses(instance_a, participant_a, fields):
    event = make_event(instance_a, "atelier", capacity=5, **fields)
    host_client("a.test", participant_a).post("/agenda/atelier/register/")
    assert _state(instance_a, event)[1] == {}


def test_unconfirmed_account_must_confirm_its_email_first(instance_a):
    event = make_event(instance_a, "atelier", registration_open=True)
    user = make_user(instance_a, "new@a.test", confirmed=False)
    response = host_client("a.test", user).post("/agenda/atelier/register/", follow=True)
    assert response.status_code == 200
    assert _state(instance_a, event)[1] == {}


def test_cancelling_promotes_the_first_on_the_waiting_list(instance_a, django_capture_on_commit_callbacks):
    event = make_event(instance_a, "atelier", title="Atelier", registration_open=True, capacity=1)
    users = [make_user(instance_a, f"u{n}@a.test") for n in range(3)]
    for user in users:
        host_client("a.test", user).post("/agenda/atelier/register/")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = host_client("a.test", users[0]).post("/agenda/atelier/cancel/")
    assert response.status_code == 302
    event, statuses = _state(instance_a, event)
    assert statuses == {"u1@a.test": Status.CONFIRMED, "u2@a.test": Status.WAITING}
    assert (event.confirmed_count, event.waiting_count) == (1, 1)
    assert [m.to for m in mail.outbox] == [["u1@a.test"]]


def test_cancelling_from_the_waiting_list_promotes_nobody(instance_a):
    event = make_event(instance_a, "atelier", registration_open=True, capacity=1)
    users = [make_user(instance_a, f"u{n}@a.test") for n in range(3)]
    for user in users:
        host_client("a.test", user).post("/agenda/atelier/register/")
    host_client("a.test", users[1]).post("/agenda/atelier/cancel/")
    event, statuses = _state(instance_a, event)
    assert statuses == {"u0@a.test": Status.CONFIRMED, "u2@a.test": Status.WAITING}


def test_registration_needs_post(instance_a, participant_a):
    make_event(instance_a, "atelier", registration_open=True)
    assert host_client("a.test", participant_a).get("/agenda/atelier/register/").status_code == 405


def test_registration_is_csrf_protected(instance_a, participant_a):
    from django.test import Client

    make_event(instance_a, "atelier", registration_open=True)
    client = Client(HTTP_HOST="a.test", enforce_csrf_checks=True)
    client.force_login(participant_a, backend="participe.accounts.backends.InstanceEmailBackend")
    assert client.post("/agenda/atelier/register/").status_code == 403


def test_events_of_instance_b_are_404_on_a(instance_a, instance_b, participant_a, client_a):
    event = make_event(instance_b, "event-b", registration_open=True)
    client = host_client("a.test", participant_a)
    for path in ("/agenda/event-b/", "/agenda/event-b/register/", "/agenda/event-b.ics"):
        response = client.post(path) if path.endswith("register/") else client.get(path)
        assert response.status_code == 404
    assert _state(instance_b, event)[1] == {}
    assert "event-b" not in client_a.get("/agenda/").content.decode()


def test_ical_of_one_event_parses_back(client_a, instance_a):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
    make_event(
        instance_a,
        "atelier",
        title="Atelier; vélo, et «accents»",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        address="1 place du Capitole, Toulouse",
        latitude=43.6045,
        longitude=1.444,
        description="<p>Venez <strong>nombreux</strong></p>",
    )
    response = client_a.get("/agenda/atelier.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (component,) = calendar.walk("VEVENT")
    assert str(component["summary"]) == "Atelier; vélo, et «accents»"
    assert component.decoded("dtstart") == starts
    assert component.decoded("dtend") == starts + timedelta(hours=2)
    assert str(component["location"]) == "1 place du Capitole, Toulouse"
    assert str(component["description"]) == "Venez nombreux"
    assert str(component["url"]) == "http://a.test/agenda/atelier/"
    assert "a.test" in str(component["uid"])


def test_ical_of_the_agenda_has_every_published_event_of_the_instance(client_a, instance_a, instance_b):
    make_event(instance_a, "un", title="Un")
    make_event(instance_a, "deux", title="Deux", online_url="https://visio.example.org/x")
    make_event(instance_a, "cache", title="Caché", is_published=False)
    make_event(instance_b, "de-b", title="De B")
    calendar = Calendar.from_ical(client_a.get("/agenda.ics").content)
    titles = sorted(str(c["summary"]) for c in calendar.walk("VEVENT"))
    assert titles == ["Deux", "Un"]


def test_agenda_switched_off_is_404(client_a, instance_a):
    instance_a.features["agenda"] = False
    instance_a.save()
    make_event(instance_a, "e")
    for path in ("/agenda/", "/agenda/e/", "/agenda.ics", "/agenda/e.ics"):
        assert client_a.get(path).status_code == 404


def test_banned_account_cannot_register_but_anyone_registered_can_withdraw(instance_a, participant_a):
    event = make_event(instance_a, "atelier", registration_open=True)
    host_client("a.test", participant_a).post("/agenda/atelier/register/")
    banned = make_user(instance_a, "banned@a.test", is_banned=True)
    response = host_client("a.test", banned).post("/agenda/atelier/register/", follow=True)
    assert response.status_code == 200
    assert set(_state(instance_a, event)[1]) == {"participant@a.test"}
    participant_a.email_confirmed_at = None
    participant_a.save()
    host_client("a.test", participant_a).post("/agenda/atelier/cancel/")
    assert _state(instance_a, event)[1] == {}


def test_deleting_an_account_frees_its_place_for_the_waiting_list(instance_a):
    event = make_event(instance_a, "atelier", registration_open=True, capacity=1)
    leaving, waiting = make_user(instance_a, "leaving@a.test"), make_user(instance_a, "waiting@a.test")
    for user in (leaving, waiting):
        host_client("a.test", user).post("/agenda/atelier/register/")
    with in_instance(instance_a):
        leaving.delete()
    event, statuses = _state(instance_a, event)
    assert statuses == {"waiting@a.test": Status.CONFIRMED}
    assert (event.confirmed_count, event.waiting_count) == (1, 0)


def test_registrations_are_in_the_personal_data_export(instance_a, participant_a):
    from participe.accounts.personal_data import collect

    make_event(instance_a, "atelier", title="Atelier", registration_open=True)
    host_client("a.test", participant_a).post("/agenda/atelier/register/")
    with in_instance(instance_a):
        data = collect(participant_a)
    assert [(r["event"], r["status"]) for r in data["event_registrations"]] == [("Atelier", "confirmed")]
