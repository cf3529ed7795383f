"""One export job end to end through a real Celery worker and the machine's broker (Redis or RabbitMQ)."""

import socket
import time
from urllib.parse import urlparse

import pytest

from participe.actionlog.services import record
from participe.exports.jobs import start_export
from participe.exports.models import Job, JobStatus
from participe.instances.scoping import in_instance

BROKERS = ["redis://127.0.0.1:6379/15", "amqp://guest:guest@127.0.0.1:5672//"]


def answering_broker():
    for url in BROKERS:
        parsed = urlparse(url)
        try:
            with socket.create_connection((parsed.hostname, parsed.port), timeout=0.5):
                return url
        except OSError:
            continue
    return None


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_export_job_runs_on_a_real_worker(settings, admin_a):
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    from participe.celery import app

    def close_worker_connections(**kwargs):
        # The worker thread's own database connection would outlive the test and block the test
        # database's teardown on PostgreSQL ("being accessed by other users").
        connections.close_all()

    if connections["default"].vendor == "sqlite":
        # The test database is an in-memory SQLite in shared-cache mode: the worker thread's writes
        # and this thread's polling reads lock whole tables and fail at once ("database table is
        # locked") instead of waiting. The same path runs on PostgreSQL in CI.
        pytest.skip("a worker thread needs a database that lets two connections wait on each other")
    broker = answering_broker()
    if broker is None:
        pytest.skip("no Redis or RabbitMQ answering on 127.0.0.1")
    keys = ("broker_url", "broker_write_url", "broker_read_url", "task_always_eager", "broker_transport_options")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        broker_url=broker, broker_write_url=broker, broker_read_url=broker,
        task_always_eager=False, broker_transport_options={},
    )
    reset_connections(app)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    task_postrun.connect(close_worker_connections, weak=False)
    try:
        with in_instance(admin_a.instance):
            for number in range(25):
                record(admin_a, f"test.action{number}")
        # perform_ping_check needs a result backend; the job's own row is the proof instead.
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            with in_instance(admin_a.instance):
                job = start_export(admin_a, "participe.actionlog.exporters.ActionLogExporter", {}, "csv")
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with in_instance(admin_a.instance):
                    job.refresh_from_db()
                if job.is_finished:
                    break
                time.sleep(0.2)
        assert job.status == JobStatus.SUCCEEDED, job.error
        assert job.done == job.total == 25
        with job.result.open("rb") as result:
            assert result.read().decode("utf-8-sig").count("test.action") == 25
        with in_instance(admin_a.instance):
            assert Job.objects.get().attempts == 1
    finally:
        task_postrun.disconnect(close_worker_connections)
        app.conf.update(saved)
        reset_connections(app)


def reset_connections(app):
    """Producers are pooled per broker URL: drop the pool so the next task goes to the current broker."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
