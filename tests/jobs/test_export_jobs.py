"""Export jobs: progress page without JavaScript, download for its owner only, failures visible to admins."""

import pytest
from django.core import mail

from participe.actionlog.services import record
from participe.exports.base import Exporter
from participe.exports.jobs import start_export
from participe.exports.models import Job, JobStatus
from participe.notifications.models import Notification
from tests.conftest import host_client

pytestmark = pytest.mark.django_db

ACTIONLOG = "participe.actionlog.exporters.ActionLogExporter"


class BrokenExporter(Exporter):
    title = "Broken"

    def columns(self):
        return ["a"]

    def rows(self):
        yield [1]
        raise RuntimeError("the disk is on fire")


def test_progress_page_refreshes_until_done(scope_a, admin_a):
    job = Job.objects.create(user=admin_a, title="Export", task="x", total=200, done=50, status=JobStatus.RUNNING)
    page = host_client("a.test", admin_a).get(f"/exports/jobs/{job.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert '<progress id="job-progress" max="100" value="25">' in page
    assert "/download/" not in page


def test_export_runs_and_is_downloaded_by_its_owner(scope_a, admin_a, moderator_a, django_capture_on_commit_callbacks):
    for number in range(7):
        record(admin_a, f"act{number}")
    with django_capture_on_commit_callbacks(execute=True):
        job = start_export(admin_a, ACTIONLOG, {}, "csv")
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.SUCCEEDED, 7, 7)
    client = host_client("a.test", admin_a)
    page = client.get(f"/exports/jobs/{job.pk}/").content.decode()
    assert "http-equiv" not in page and f"/exports/jobs/{job.pk}/download/" in page
    response = client.get(f"/exports/jobs/{job.pk}/download/")
    assert response["Content-Disposition"].startswith('attachment; filename="action-log-')
    assert b"".join(response.streaming_content).decode("utf-8-sig").count("act") >= 7
    # The person is told, in the app and by e-mail.
    assert Notification.objects.get(user=admin_a).kind == "export_ready"
    assert [m.to for m in mail.outbox] == [["admin@a.test"]]
    # Nobody else opens it, not even another member of staff.
    other = host_client("a.test", moderator_a)
    assert other.get(f"/exports/jobs/{job.pk}/").status_code == 404
    assert other.get(f"/exports/jobs/{job.pk}/download/").status_code == 404


def test_xlsx(scope_a, admin_a, django_capture_on_commit_callbacks):
    record(admin_a, "act")
    with django_capture_on_commit_callbacks(execute=True):
        job = start_export(admin_a, ACTIONLOG, {}, "xlsx")
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result_name.endswith(".xlsx")
    with job.result.open("rb") as result:
        assert result.read(2) == b"PK"


def test_failed_job_is_recorded_and_shown_to_admins(scope_a, admin_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_export(admin_a, "tests.jobs.test_export_jobs.BrokenExporter", {}, "csv")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "the disk is on fire" in job.error
    client = host_client("a.test", admin_a)
    page = client.get(f"/exports/jobs/{job.pk}/").content.decode()
    assert "http-equiv" not in page
    assert client.get(f"/exports/jobs/{job.pk}/download/").status_code == 404
    admin_list = client.get("/admin/exports/job/?status__exact=failed").content.decode()
    assert "Broken" in admin_list
    assert Notification.objects.get(user=admin_a).kind == "export_failed"


def test_job_of_another_instance_is_404(instance_b, admin_a, admin_b):
    from participe.instances.scoping import in_instance

    with in_instance(instance_b):
        job = Job.objects.create(user=admin_b, title="B", task="x")
    assert host_client("a.test", admin_a).get(f"/exports/jobs/{job.pk}/").status_code == 404


def test_start_export_refuses_what_is_not_an_exporter(scope_a, admin_a):
    with pytest.raises(TypeError):
        start_export(admin_a, "participe.exports.models.Job", {}, "csv")
    with pytest.raises(ValueError):
        start_export(admin_a, ACTIONLOG, {}, "exe")
