"""Periodic jobs are registered with beat; transient failures retry with back-off, lasting ones are recorded."""

import pytest
from django.db import OperationalError

from participe.celery import app
from participe.core.tasks import deliver_email
from participe.exports.models import Job, JobStatus
from participe.exports.tasks import run_export
from participe.notifications.tasks import announce_step_changes, remind_events, send_daily_digests


def test_beat_schedule_lists_the_periodic_jobs():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {announce_step_changes.name, remind_events.name, send_daily_digests.name} <= tasks


def test_jobs_retry_with_back_off():
    for task in (deliver_email, announce_step_changes, send_daily_digests):
        assert task.retry_backoff and task.max_retries >= 5
        assert OSError in task.autoretry_for


@pytest.mark.django_db
def test_a_job_that_keeps_failing_is_recorded(scope_a, admin_a, monkeypatch):
    def broken(job):
        raise OperationalError("database went away")

    monkeypatch.setattr("participe.exports.tasks._produce", broken)
    job = Job.objects.create(user=admin_a, title="Export", task="participe.exports.tasks.run_export", arguments={})
    run_export.apply(args=[job.pk, admin_a.instance_id])
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "database went away" in job.error and job.attempts == 1
    assert job.finished_at is not None


@pytest.mark.django_db
def test_an_email_that_cannot_be_delivered_is_shown_to_admins(settings, admin_a, instance_a):
    import socket

    from tests.conftest import host_client

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    result = deliver_email.apply(
        kwargs={"to": ["x@a.test"], "sender": "a@a.test", "subject": "Bonjour", "text": "t", "html": "h",
                "headers": {}, "instance_id": instance_a.pk},
        retries=deliver_email.max_retries,  # the last attempt: the next failure is final
        throw=False,
    )
    assert result.failed()
    page = host_client("a.test", admin_a).get("/admin/exports/job/?status__exact=failed").content.decode()
    assert "Bonjour" in page and "x@a.test" in page
