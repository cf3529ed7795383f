"""Who did what administrative or moderation action, when, on what. Rows are written once, never changed."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import InstanceOwned, scoped_manager


class AppendOnly(Exception):
    pass


class ActionLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("The action log is append-only")

    def delete(self):
        raise AppendOnly("The action log is append-only")


class ActionLog(InstanceOwned):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    # Kept as written: the log still says who acted after the account is anonymised.
    actor_name = models.CharField(_("by"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_repr = models.CharField(_("on"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = scoped_manager(queryset_class=ActionLogQuerySet)

    class Meta:
        verbose_name = _("action log entry")
        verbose_name_plural = _("action log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("The action log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The action log is append-only")
