from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import InstanceOwned, scoped_manager


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(InstanceOwned):
    """One line of a person's in-app notification list (and the memory of what was e-mailed)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    objects = scoped_manager(queryset_class=NotificationQuerySet)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["user", "-created_at"], name="notification_list"),
        ]

    def __str__(self):
        return self.message


class Digest(models.TextChoices):
    DAILY = "daily", _("Once a day")
    NEVER = "never", _("Never")


class NotificationPreference(InstanceOwned):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference")
    # Kinds the person does not want by e-mail (they still appear in the in-app list).
    email_off = models.JSONField(default=list, blank=True)
    digest = models.CharField(
        _("Summary of activity on what I follow"), max_length=10, choices=Digest.choices, default=Digest.DAILY
    )

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user_id}"

    def wants_email(self, kind):
        return kind not in self.email_off


class ScheduledRun(models.Model):
    """Until when a periodic scan has looked (platform-wide): the next run picks up from there."""

    name = models.CharField(max_length=80, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} @ {self.last_run_at}"
