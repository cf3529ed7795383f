"""Tenant scoping that fails closed.

Every instance-owned model inherits `InstanceOwned`: its default manager is a
django-scopes `ScopedManager`, so a query made while no instance is active raises
`ScopeError` instead of returning the rows of every instance. The host middleware
activates the request's instance; platform-level code opts out visibly with
`platform_wide()` (an alias of `scopes_disabled`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager, get_scope, scope, scopes_disabled

__all__ = ["InstanceOwned", "current_instance", "in_instance", "platform_wide", "scoped_manager"]


def scoped_manager(manager_class=models.Manager, queryset_class=None):
    """The default manager of an instance-owned model; `queryset_class` adds its query methods."""
    if queryset_class is not None:
        manager_class = manager_class.from_queryset(queryset_class)
    return ScopedManager(instance="instance", _manager_class=manager_class)


def current_instance():
    """The active instance, or None (also None while scopes are disabled)."""
    state = get_scope()
    if state.get("_enabled", True) is False:
        return None
    return state.get("instance")


def in_instance(instance):
    """Context manager: act as if a request for `instance` were being served."""
    if instance is None:
        # django-scopes treats a None value as "no filter"; that must never happen here.
        raise ValueError("in_instance() needs an instance")
    return scope(instance=instance)


def platform_wide():
    """Context manager for platform-level code that must see every instance's rows."""
    return scopes_disabled()


class InstanceOwned(models.Model):
    instance = models.ForeignKey(
        "instances.Instance", on_delete=models.CASCADE, related_name="+", verbose_name=_("instance"), editable=False
    )

    objects = scoped_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.instance_id is None:
            instance = current_instance()
            if instance is None:
                raise ValueError(f"{type(self).__name__} saved with no instance and no active instance scope")
            self.instance = instance
        super().save(*args, **kwargs)
