"""Fixtures of the security checks: a marked world of objects on each instance, clients per role."""

import pytest

from tests.conftest import host_client, make_user
from tests.security.world import A_MARKER, B_MARKER, build_world

ROLES = ("anonymous", "participant", "other", "moderator", "admin")


def _people(instance, host):
    return {
        "participant": make_user(instance, f"participant@{host}", display_name=f"Participant {host}"),
        "other": make_user(instance, f"other@{host}", display_name=f"Other {host}"),
        "moderator": make_user(instance, f"moderator@{host}", display_name=f"Moderator {host}", is_moderator=True),
        "admin": make_user(instance, f"admin@{host}", display_name=f"Admin {host}", is_instance_admin=True),
    }


@pytest.fixture
def world_a(instance_a):
    return build_world(instance_a, _people(instance_a, "a.test"), A_MARKER)


@pytest.fixture
def world_b(instance_b):
    people = _people(instance_b, "b.test")
    for user in people.values():  # names are shown on pages: mark them too
        user.display_name = f"{B_MARKER} {user.display_name}"
        user.save(update_fields=["display_name"])
    return build_world(instance_b, people, B_MARKER)


@pytest.fixture
def clients_a(world_a):
    """One client per role on instance A's host ("other" is a second participant)."""
    return {role: host_client("a.test", None if role == "anonymous" else world_a.people[role]) for role in ROLES}


@pytest.fixture
def clients_b(world_b):
    """One client per role on instance B's own host: they tell which parameters name a real B object."""
    return {role: host_client("b.test", None if role == "anonymous" else world_b.people[role]) for role in ROLES}
