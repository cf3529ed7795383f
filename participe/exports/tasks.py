"""The export job: writes the file in constant memory, reports progress, retries with back-off, records failures."""

import logging
import os
import tempfile
import time
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.files import File
from django.db import OperationalError
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify

from participe.exports.models import Job, JobStatus
from participe.exports.signals import export_finished
from participe.exports.writers import write_csv, write_xlsx
from participe.instances.models import Instance
from participe.instances.scoping import in_instance

log = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 1.0
TRANSIENT = (OperationalError, OSError)


class _Progress:
    """Saves the row count at most once a second: a progress bar, not a write per row."""

    def __init__(self, job):
        self.job = job
        self.last = 0.0

    def __call__(self, number):
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY_SECONDS:
            self.last = now
            Job.objects.filter(pk=self.job.pk).update(done=number)


@shared_task(bind=True, max_retries=4, acks_late=True)
def run_export(self, job_id, instance_id):
    instance = Instance.objects.get(pk=instance_id)
    with in_instance(instance):
        job = Job.objects.filter(pk=job_id).first()
        if job is None or job.is_finished:
            return None
        Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now(), attempts=job.attempts + 1)
        try:
            _produce(job)
        except TRANSIENT as exc:
            if self.request.retries < self.max_retries and not self.request.is_eager:
                Job.objects.filter(pk=job.pk).update(status=JobStatus.PENDING, error=repr(exc)[:2000])
                raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
            _fail(job, exc)
            return None
        except Exception as exc:
            _fail(job, exc)
            return None
        _tell(job, "export_ready")
        return job.pk


def _produce(job):
    arguments = job.arguments
    exporter = import_string(arguments["exporter"]).for_job(**arguments.get("kwargs", {}))
    fmt = arguments.get("format", "csv")
    Job.objects.filter(pk=job.pk).update(total=exporter.count(), done=0)
    progress = _Progress(job)
    handle, path = tempfile.mkstemp(suffix=f".{fmt}")
    os.close(handle)
    try:
        if fmt == "xlsx":
            write_xlsx(exporter, path, on_row=progress)
        else:
            with open(path, "w", encoding="utf-8", newline="") as out:
                write_csv(exporter, out, on_row=progress)
        name = f"{slugify(exporter.filename) or 'export'}-{timezone.localdate():%Y-%m-%d}.{fmt}"
        with open(path, "rb") as result:
            job.result.save(name, File(result), save=False)
    finally:
        os.unlink(path)
    job.result_name = name
    job.status = JobStatus.SUCCEEDED
    job.finished_at = timezone.now()
    job.error = ""
    job.save(update_fields=["result", "result_name", "status", "finished_at", "error"])
    Job.objects.filter(pk=job.pk, total__isnull=False).update(done=F("total"))


def _fail(job, exc):
    log.exception("Job %s failed", job.pk)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, finished_at=timezone.now(), error=f"{type(exc).__name__}: {exc}"[:2000]
    )
    _tell(job, "export_failed")


def _tell(job, kind):
    if job.user_id:
        job.refresh_from_db()
        export_finished.send(sender=Job, job=job, kind=kind)


@shared_task
def purge_expired_exports():
    """Delete the files of exports older than EXPORT_RETENTION_DAYS and mark their jobs expired (run by beat)."""
    limit = timezone.now() - timedelta(days=settings.EXPORT_RETENTION_DAYS)
    purged = 0
    for instance in Instance.objects.all():
        with in_instance(instance):
            old = Q(finished_at__lt=limit) | Q(finished_at__isnull=True, created_at__lt=limit)
            for job in Job.objects.filter(old, status=JobStatus.SUCCEEDED):
                job.result.delete(save=False)
                job.status = JobStatus.EXPIRED
                job.save(update_fields=["result", "status"])
                purged += 1
    return purged
