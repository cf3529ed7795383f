"""Background jobs people wait for (exports, imports, result computations): status, progress, error, result."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.core.storage import RandomName, private_storage
from participe.instances.scoping import InstanceOwned


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("In progress")
    SUCCEEDED = "succeeded", _("Done")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


def result_path(job, filename):
    """Named by the first migration only: results now take a RandomName."""
    return f"jobs/{job.instance_id}/{uuid.uuid4().hex}/{filename}"


class Job(InstanceOwned):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("started by")
    )
    title = models.CharField(_("title"), max_length=200)
    task = models.CharField(_("task"), max_length=200)
    # What the task needs to run again (ids and options, never objects).
    arguments = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING, db_index=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    result = models.FileField(_("result"), upload_to=RandomName("exports"), storage=private_storage, blank=True, max_length=300)
    result_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def percent(self):
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(99, int(100 * self.done / self.total))

    @property
    def is_finished(self):
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.EXPIRED)

    @property
    def expires_at(self):
        """When the result is deleted (EXPORT_RETENTION_DAYS after it was produced)."""
        return (self.finished_at or self.created_at) + timedelta(days=settings.EXPORT_RETENTION_DAYS)

    @property
    def is_downloadable(self):
        return self.status == JobStatus.SUCCEEDED and bool(self.result) and timezone.now() < self.expires_at

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("exports:job", args=[self.pk])
