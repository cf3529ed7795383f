"""Concurrent registrations never exceed the capacity: the event row is locked, then counted."""

import threading

import pytest
from django.db import connection, connections

from participe.instances.scoping import in_instance
from participe.site import registrations
from participe.site.models import Registration
from tests.conftest import make_user
from tests.site.helpers import make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 12
PLACES = 5


def _run_together(instance, event, users, action):
    barrier = threading.Barrier(len(users))
    errors = []

    def worker(user):
        try:
            with in_instance(instance):
                barrier.wait()
                action(event, user)
        except Exception as exc:  # reported below; a thread's exception would be lost otherwise
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.fixture
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def test_twelve_people_for_five_places(_postgres_only, instance_a):
    event = make_event(instance_a, "atelier", registration_open=True, capacity=PLACES, waiting_list=True)
    users = [make_user(instance_a, f"p{n}@a.test") for n in range(PEOPLE)]
    _run_together(instance_a, event, users, registrations.register)
    with in_instance(instance_a):
        statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
        event.refresh_from_db()
    assert statuses.count(Registration.Status.CONFIRMED) == PLACES
    assert statuses.count(Registration.Status.WAITING) == PEOPLE - PLACES
    assert (event.confirmed_count, event.waiting_count) == (PLACES, PEOPLE - PLACES)


def test_the_same_person_clicking_many_times_at_once(_postgres_only, instance_a):
    event = make_event(instance_a, "atelier", registration_open=True, capacity=PLACES)
    user = make_user(instance_a, "pressed@a.test")
    _run_together(instance_a, event, [user] * 8, registrations.register)
    with in_instance(instance_a):
        assert Registration.objects.filter(event=event).count() == 1


def test_cancellations_at_once_promote_exactly_as_many(_postgres_only, instance_a):
    event = make_event(instance_a, "atelier", registration_open=True, capacity=3, waiting_list=True)
    users = [make_user(instance_a, f"p{n}@a.test") for n in range(8)]
    with in_instance(instance_a):
        for user in users:
            registrations.register(event, user)
    _run_together(instance_a, event, users[:3], registrations.cancel)
    with in_instance(instance_a):
        statuses = dict(Registration.objects.filter(event=event).values_list("user__email", "status"))
        event.refresh_from_db()
    assert statuses == {
        "p3@a.test": "confirmed",
        "p4@a.test": "confirmed",
        "p5@a.test": "confirmed",
        "p6@a.test": "waiting",
        "p7@a.test": "waiting",
    }
    assert (event.confirmed_count, event.waiting_count) == (3, 2)
