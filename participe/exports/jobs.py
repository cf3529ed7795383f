"""Exports run as background jobs: the person who starts one follows its progress and is told when it is ready.

    job = start_export(request.user, "participe.modules.proposals.exports.ProposalExporter", {"step_id": step.pk}, "csv")
    return redirect(job)   # the progress page

The exporter is built in the job by `Exporter.for_job(**kwargs)` (by default `cls(**kwargs)`):
kwargs must be JSON values (ids), never model objects.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from participe.exports.base import Exporter
from participe.exports.models import Job, JobStatus
from participe.exports.tasks import run_export
from participe.instances.models import Instance
from participe.instances.scoping import in_instance

FORMATS = ("csv", "xlsx")


def start_export(user, exporter_path, kwargs, fmt="csv", title=None):
    exporter_class = import_string(exporter_path)
    if not (isinstance(exporter_class, type) and issubclass(exporter_class, Exporter)):
        raise TypeError(f"{exporter_path} is not an Exporter")
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}")
    job = Job.objects.create(
        instance_id=user.instance_id,
        user=user,
        title=str(title or exporter_class.title or exporter_class.filename)[:200],
        task="participe.exports.tasks.run_export",
        arguments={"exporter": exporter_path, "kwargs": kwargs, "format": fmt},
    )
    transaction.on_commit(lambda: _enqueue(job))
    return job


def _enqueue(job):
    run_export.delay(job.pk, job.instance_id)


def record_failed_job(instance_id, title, task, exc, attempts=1, **signal):
    """Any background job that gave up, listed with its error in the back office (Jobs, filter 'failed').

    Connected to core.tasks.job_failed, sent by every job built on RecordsFailures."""
    with in_instance(Instance.objects.get(pk=instance_id)):
        return Job.objects.create(
            instance_id=instance_id,
            title=str(title)[:200],
            task=task,
            status=JobStatus.FAILED,
            attempts=attempts,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
