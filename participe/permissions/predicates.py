"""Who a user is, relative to the instance being served and to an object.

Every role predicate first checks that the account belongs to the instance being
served: a role never carries over to another instance.
"""

import rules

from participe.instances.scoping import current_instance


def _at_home(user):
    instance = current_instance()
    return bool(
        user.is_authenticated and user.is_active and instance is not None and user.instance_id == instance.pk
    )


def _owned_by_current_instance(obj):
    if obj is None:
        return True
    instance = current_instance()
    owner_id = obj.pk if obj._meta.label == "instances.Instance" else getattr(obj, "instance_id", None)
    return instance is not None and owner_id == instance.pk


@rules.predicate
def is_platform_admin(user):
    return _at_home(user) and user.is_superuser


@rules.predicate
def is_instance_admin(user, obj=None):
    return _at_home(user) and user.is_instance_admin and _owned_by_current_instance(obj)


@rules.predicate
def is_moderator(user, obj=None):
    return _at_home(user) and user.is_moderator and _owned_by_current_instance(obj)


@rules.predicate
def is_analyst(user, obj=None):
    return _at_home(user) and user.is_analyst and _owned_by_current_instance(obj)


@rules.predicate
def is_mediator(user, obj=None):
    return _at_home(user) and user.is_mediator and _owned_by_current_instance(obj)


@rules.predicate
def is_participant(user):
    return _at_home(user) and not user.is_banned


@rules.predicate
def administers_some_project(user):
    """`user` administers at least one project of the instance being served (their own instance)."""
    return is_participant(user) and user.administered_projects.exists()


@rules.predicate
def has_confirmed_email(user):
    return _at_home(user) and user.email_confirmed


@rules.predicate
def is_self(user, obj):
    return _at_home(user) and obj is not None and getattr(obj, "pk", None) == user.pk
