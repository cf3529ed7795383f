"""The common base of citizen-written objects (opinions, amendments, proposals, comments, arguments…)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import InstanceOwned


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Awaiting moderation")
    HIDDEN = "hidden", _("Hidden by moderation")
    TRASHED = "trashed", _("Withdrawn by its author")
    DELETED = "deleted", _("Deleted")


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def shown(self):
        """What lists show: published rows, plus hidden ones as placeholders that say why."""
        return self.filter(status__in=[Status.PUBLISHED, Status.HIDDEN])


class Contribution(InstanceOwned):
    """Abstract base: subclasses add their content fields and declare their features in the registry."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("author")
    )
    step = models.ForeignKey(
        "projects.Step", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("step")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PUBLISHED, db_index=True)
    # Set while the author's e-mail is unconfirmed: kept, published once the address is confirmed.
    awaiting_confirmation = models.BooleanField(default=False)
    moderation_reason = models.CharField(_("public reason for hiding"), max_length=300, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def author_name(self):
        return self.author.public_name if self.author_id else str(_("Anonymous participant"))


class Revision(InstanceOwned):
    """One edit of a contribution: who changed which fields, from what to what."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("edited by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    # {"field": {"old": ..., "new": ...}} for each field the edit changed.
    changes = models.JSONField(_("changes"), default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "changed_at"], name="revision_target")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} @ {self.changed_at:%Y-%m-%d %H:%M}"


class ProjectParticipant(InstanceOwned):
    """One row per person who took part in a project: the source of `Project.participants_count`."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    first_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="one_participant_row_per_project")]
