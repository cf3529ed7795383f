"""The permission table, proved as a matrix: role × instance × action."""

import pytest
from django.contrib.auth.models import AnonymousUser

from participe.instances.scoping import in_instance
from tests.conftest import make_user

ROLES = {
    "anonymous": {},
    "participant": {},
    "banned": {"is_banned": True},
    "analyst": {"is_analyst": True},
    "moderator": {"is_moderator": True},
    "instance_admin": {"is_instance_admin": True},
    "platform_admin": {"is_superuser": True},
}

# action -> roles allowed when the account belongs to the instance being served
ALLOWED = {
    "platform.manage_instances": {"platform_admin"},
    "backoffice.access": {"analyst", "moderator", "instance_admin", "platform_admin"},
    "backoffice.manage_instance": {"instance_admin"},
    "backoffice.manage_users": {"instance_admin"},
    "backoffice.view_action_log": {"instance_admin"},
    "moderation.moderate": {"moderator", "instance_admin"},
    "accounts.participate": {"participant", "analyst", "moderator", "instance_admin", "platform_admin"},
}


def _user(role, instance):
    if role == "anonymous":
        return AnonymousUser()
    return make_user(instance, f"{role}@{instance.slug}.test", **ROLES[role])


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", sorted(ROLES))
def test_role_at_home(role, action, instance_a):
    user = _user(role, instance_a)
    with in_instance(instance_a):
        assert user.has_perm(action) == (role in ALLOWED[action])


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_role_carries_over_to_another_instance(role, action, instance_a, instance_b):
    user = _user(role, instance_b)
    with in_instance(instance_a):
        assert user.has_perm(action) is False


@pytest.mark.parametrize("role", ["moderator", "instance_admin"])
def test_object_permissions_need_an_object_of_the_served_instance(role, instance_a, instance_b):
    user = _user(role, instance_a)
    with in_instance(instance_a):
        assert user.has_perm("moderation.moderate", instance_a)
        assert not user.has_perm("moderation.moderate", instance_b)


def test_nothing_is_allowed_outside_any_instance(instance_a):
    user = _user("instance_admin", instance_a)
    assert not user.has_perm("backoffice.manage_instance")


def test_an_account_may_change_itself_only(instance_a):
    alice = make_user(instance_a, "alice@a.test")
    bob = make_user(instance_a, "bob@a.test")
    with in_instance(instance_a):
        assert alice.has_perm("accounts.change_user", alice)
        assert not alice.has_perm("accounts.change_user", bob)
