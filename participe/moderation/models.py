"""Reports by participants, gathered into one moderation case per reported object."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import InstanceOwned, scoped_manager


class Reason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive, hateful or abusive")
    OFF_TOPIC = "off_topic", _("Off topic")
    ERROR = "error", _("Wrong or misleading information")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("To moderate")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")
    TRASHED = "trashed", _("Removed")


class CaseQuerySet(models.QuerySet):
    def of(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True), object_id=obj.pk)


class ModerationCase(InstanceOwned):
    """One object to moderate: opened by its first report (or by pre-moderation), closed by a decision."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("type"))
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    # True when the content waits for approval before publication (pre-moderation), not reported.
    awaiting_approval = models.BooleanField(_("awaiting approval"), default=False)
    reports_count = models.PositiveIntegerField(_("reports"), default=0)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    last_reported_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = scoped_manager(queryset_class=CaseQuerySet)

    class Meta:
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation cases")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_case_per_object"),
        ]
        indexes = [models.Index(fields=["instance", "status", "-opened_at"], name="moderation_queue")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} ({self.status})"


class Report(InstanceOwned):
    case = models.ForeignKey(ModerationCase, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    text = models.TextField(_("details"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "reporter"], name="one_report_per_reporter_and_object")]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.reporter_id})"
