"""Exports and the action log in /gestion/: administrators only, another instance's rows not found."""

from django.core.files.base import ContentFile

from participe.actionlog.services import record
from participe.exports.models import Job, JobStatus
from participe.instances.scoping import in_instance
from tests.conftest import host_client


def _job(instance, user, status=JobStatus.SUCCEEDED):
    from django.utils import timezone

    with in_instance(instance):
        job = Job.objects.create(instance=instance, user=user, title="Propositions", task="t", status=status, total=10, done=4)
        if status == JobStatus.SUCCEEDED:
            job.result.save("propositions.csv", ContentFile(b"id;titre\n1;Bancs\n"), save=False)
            job.result_name = "propositions.csv"
            job.finished_at = timezone.now()
            job.save()
    return job


def test_exports_list_progress_and_download(instance_a, admin_a, moderator_a, participant_a, admin_b, instance_b):
    done = _job(instance_a, participant_a)
    running = _job(instance_a, admin_a, status=JobStatus.RUNNING)
    client = host_client("a.test", admin_a)
    page = client.get("/gestion/exports/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'http-equiv="refresh"' in body and 'value="40"' in body  # one job in progress: 4 of 10
    download = client.get(f"/gestion/exports/{done.pk}/download/")
    assert download.status_code == 200 and b"Bancs" in b"".join(download.streaming_content)
    assert download["Cache-Control"] == "private, no-store"
    assert client.get(f"/gestion/exports/{running.pk}/download/").status_code == 404
    assert client.get(f"/gestion/exports/{running.pk}/").status_code == 200
    assert client.get("/gestion/exports/", {"status": "failed"}).context["page"].paginator.count == 0
    assert client.get("/gestion/exports/", {"status": "bogus"}).status_code == 400
    assert host_client("a.test", moderator_a).get("/gestion/exports/").status_code == 403
    assert host_client("a.test", participant_a).get(f"/gestion/exports/{done.pk}/download/").status_code == 403
    assert host_client("b.test", admin_b).get(f"/gestion/exports/{done.pk}/download/").status_code == 404


def test_the_action_log_is_filterable_and_read_only(instance_a, admin_a, moderator_a, participant_a, admin_b, instance_b, django_assert_max_num_queries):
    with in_instance(instance_a):
        for n in range(30):
            record(moderator_a, "moderation.hide" if n % 2 else "moderation.approve", participant_a, {"n": n})
    with in_instance(instance_b):
        record(admin_b, "gestion.roles", admin_b)
    client = host_client("a.test", admin_a)
    with django_assert_max_num_queries(20):
        page = client.get("/gestion/log/")
    assert page.status_code == 200 and page.context["page"].paginator.count == 30
    body = page.content.decode()
    # Actions by their names (in the filter too), never another instance's.
    assert "Masquée par la modération" in body and ">moderation.hide<" not in body
    assert "Rôles modifiés" not in body
    assert client.get("/gestion/log/", {"action": "moderation.hide"}).context["page"].paginator.count == 15
    assert client.get("/gestion/log/", {"who": "moderator"}).context["page"].paginator.count == 30
    assert client.get("/gestion/log/", {"since": "2100-01-01"}).context["page"].paginator.count == 0
    assert client.get("/gestion/log/", {"since": "not a date"}).status_code == 400
    assert client.post("/gestion/log/").status_code == 405
    assert host_client("a.test", moderator_a).get("/gestion/log/").status_code == 403
