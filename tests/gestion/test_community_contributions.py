"""The contributions table of /gestion/: roles, filters, search, bulk actions in bounded queries, history."""

import pytest

from participe.actionlog.models import ActionLog
from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Proposal
from participe.participation.manifest import modules
from participe.participation.models import Status
from participe.projects.models import Project, Step
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step

KEY = "proposals.proposal"


@pytest.fixture
def collect_a(instance_a):
    step = make_step(instance_a)
    with in_instance(instance_a):
        Step.objects.filter(pk=step.pk).update(is_enabled=True)
        step.refresh_from_db()
    return step


@pytest.fixture
def proposals_a(collect_a, participant_a):
    return [make_proposal(collect_a, title=f"Idée numéro {n}", author=participant_a) for n in range(3)]


@pytest.fixture
def manager_a(instance_a, collect_a):
    manager = make_user(instance_a, "manager@a.test", display_name="Manager A")
    with in_instance(instance_a):
        collect_a.project.administrators.add(manager)
    return manager


@pytest.fixture
def other_project_proposal(instance_a, participant_a):
    with in_instance(instance_a):
        project = Project.objects.create(title="Autre projet", slug="autre", is_published=True)
        step = Step.objects.create(project=project, type="collect", title="Dépôt", slug="depot2", settings={"vote": {"type": "none"}})
    return make_proposal(step, title="Hors de mon projet", author=participant_a)


def items(*proposals):
    return [f"{KEY}:{proposal.pk}" for proposal in proposals]


def test_who_sees_the_table(instance_a, instance_b, proposals_a, admin_a, moderator_a, participant_a, admin_b, client_a):
    assert client_a.get("/gestion/contributions/").status_code == 302
    assert host_client("a.test", participant_a).get("/gestion/contributions/").status_code == 403
    assert host_client("a.test", moderator_a).get("/gestion/contributions/").status_code == 403
    analyst = make_user(instance_a, "analyst@a.test", is_analyst=True)
    assert host_client("a.test", analyst).get("/gestion/contributions/").status_code == 403
    page = host_client("a.test", admin_a).get("/gestion/contributions/")
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 3
    # Another instance's administrator sees none of A's rows, and A's contribution page is not found there.
    assert host_client("b.test", admin_b).get("/gestion/contributions/").context["page"].paginator.count == 0
    assert host_client("b.test", admin_b).get(f"/gestion/contributions/{KEY}/{proposals_a[0].pk}/").status_code == 404


def test_a_project_manager_sees_the_contributions_of_their_projects_only(proposals_a, manager_a, other_project_proposal):
    client = host_client("a.test", manager_a)
    page = client.get("/gestion/contributions/")
    assert page.status_code == 200
    shown = {row.obj.pk for row in page.context["page"].rows}
    assert shown == {proposal.pk for proposal in proposals_a}
    assert client.get(f"/gestion/contributions/{KEY}/{other_project_proposal.pk}/").status_code == 404
    # A bulk action naming a row of another project leaves it untouched.
    response = client.post("/gestion/contributions/", {"items": items(other_project_proposal), "action": "trash", "format": "csv"})
    assert response.status_code == 302
    with in_instance(other_project_proposal.instance):
        assert Proposal.objects.get(pk=other_project_proposal.pk).status == Status.PUBLISHED


def test_filters_and_search(instance_a, proposals_a, admin_a):
    client = host_client("a.test", admin_a)
    with in_instance(instance_a):
        Proposal.objects.filter(pk=proposals_a[0].pk).update(status=Status.HIDDEN)
    assert client.get("/gestion/contributions/", {"status": "hidden"}).context["page"].paginator.count == 1
    assert client.get("/gestion/contributions/", {"kind": KEY, "step": proposals_a[0].step_id}).context["page"].paginator.count == 3
    assert client.get("/gestion/contributions/", {"q": "numéro 2"}).context["page"].paginator.count >= 1
    assert client.get("/gestion/contributions/", {"author_type": "anonymous"}).context["page"].paginator.count == 0
    assert client.get("/gestion/contributions/", {"reported": "yes"}).context["page"].paginator.count == 0
    bad = client.get("/gestion/contributions/", {"step": "abc", "kind": "nothing.here"})
    assert bad.status_code == 400


def test_the_table_reads_a_constant_number_of_queries(instance_a, collect_a, participant_a, admin_a, django_assert_max_num_queries):
    client = host_client("a.test", admin_a)
    make_proposal(collect_a, author=participant_a)
    client.get("/gestion/contributions/")
    for n in range(30):
        make_proposal(collect_a, title=f"Encore {n}", author=participant_a)
    with django_assert_max_num_queries(25):
        page = client.get("/gestion/contributions/")
    assert len(page.context["page"].rows) == 31


def test_hiding_in_bulk_is_one_statement_per_kind_and_vanishes_for_visitors_at_once(
    instance_a, proposals_a, admin_a, client_a, django_assert_max_num_queries
):
    target = proposals_a[0]
    url = target.get_absolute_url()
    assert client_a.get(url).status_code == 200
    client = host_client("a.test", admin_a)
    missing_reason = client.post("/gestion/contributions/", {"items": items(*proposals_a), "action": "hide", "format": "csv"})
    assert missing_reason.status_code == 400
    assert "Donnez la raison publique du masquage." in missing_reason.content.decode()
    with django_assert_max_num_queries(30):
        response = client.post(
            "/gestion/contributions/",
            {"items": items(*proposals_a), "action": "hide", "reason": "Hors sujet", "format": "csv"},
        )
    assert response.status_code == 302
    with in_instance(instance_a):
        assert set(Proposal.objects.filter(pk__in=[p.pk for p in proposals_a]).values_list("status", flat=True)) == {Status.HIDDEN}
        assert ActionLog.objects.filter(action="gestion.hide").count() == 3
    page = client_a.get(url).content.decode()
    assert "Hors sujet" in page
    # Restoring brings it back, and the history lists both actions.
    client.post("/gestion/contributions/", {"items": items(target), "action": "publish", "format": "csv"})
    detail = client.get(f"/gestion/contributions/{KEY}/{target.pk}/")
    assert detail.status_code == 200
    body = detail.content.decode()
    # Each action by its name in the organiser's language, not as recorded.
    assert "Masqué" in body and "Publié ou rétabli" in body and "gestion.hide" not in body


def test_bulk_queries_do_not_grow_with_the_selection(instance_a, collect_a, participant_a, admin_a, django_assert_max_num_queries):
    client = host_client("a.test", admin_a)
    few = [make_proposal(collect_a, author=participant_a) for _ in range(2)]
    many = [make_proposal(collect_a, author=participant_a) for _ in range(20)]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.post("/gestion/contributions/", {"items": items(*few), "action": "trash", "format": "csv"})
    with CaptureQueriesContext(connection) as large:
        client.post("/gestion/contributions/", {"items": items(*many), "action": "trash", "format": "csv"})
    # (the first request also reads the instance into the cache)
    assert len(large.captured_queries) <= len(small.captured_queries)


def test_move_and_merge_where_the_kind_declares_them(instance_a, collect_a, proposals_a, admin_a):
    declared = next(c for c in modules.contributions() if c.model is Proposal)
    assert callable(declared.movable)
    with in_instance(instance_a):
        other = Step.objects.create(project=collect_a.project, type="collect", title="Second dépôt", slug="depot-2",
                                    settings={"vote": {"type": "none"}})
    client = host_client("a.test", admin_a)
    no_step = client.post("/gestion/contributions/", {"items": items(proposals_a[0]), "action": "move", "format": "csv"})
    assert no_step.status_code == 400
    moved = client.post("/gestion/contributions/", {"items": items(proposals_a[0]), "action": "move", "step": other.pk, "format": "csv"})
    assert moved.status_code == 302
    alone = client.post("/gestion/contributions/", {"items": items(proposals_a[1]), "action": "merge", "format": "csv"})
    assert alone.status_code == 400
    merged = client.post("/gestion/contributions/", {"items": items(proposals_a[1], proposals_a[2]), "action": "merge", "format": "csv"})
    assert merged.status_code == 302
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=proposals_a[0].pk).step_id == other.pk
        assert Proposal.objects.get(pk=proposals_a[2].pk).merged_into_id == proposals_a[1].pk
        assert ActionLog.objects.filter(action="gestion.merge").count() == 1


def test_proposals_declare_their_merge_and_nothing_is_movable_unless_declared(instance_a, proposals_a, admin_a, monkeypatch):
    declared = next(c for c in modules.contributions() if c.model is Proposal)
    assert declared.merge is not None
    client = host_client("a.test", admin_a)
    assert 'value="move"' in client.get("/gestion/contributions/").content.decode()
    monkeypatch.setattr(declared, "movable", False)
    page = client.get("/gestion/contributions/").content.decode()
    assert 'value="merge"' in page and 'value="move"' not in page
    refused = client.post("/gestion/contributions/", {"items": items(proposals_a[0]), "action": "move", "step": proposals_a[0].step_id})
    assert refused.status_code == 400
    monkeypatch.setattr(declared, "merge", None)
    assert client.post(
        "/gestion/contributions/", {"items": items(*proposals_a[:2]), "action": "merge", "format": "csv"}
    ).status_code == 400


def test_malformed_selection_is_a_400(proposals_a, admin_a):
    client = host_client("a.test", admin_a)
    for bad in (["x"], ["proposals.proposal:abc"], ["nope.nope:1"], []):
        response = client.post("/gestion/contributions/", {"items": bad, "action": "trash", "format": "csv"})
        assert response.status_code == 400, bad
    assert client.post("/gestion/contributions/", {"items": items(proposals_a[0]), "action": "explode"}).status_code == 400


def test_export_the_selection_runs_a_job_whose_file_downloads(instance_a, proposals_a, admin_a, django_capture_on_commit_callbacks):
    client = host_client("a.test", admin_a)
    # (the callbacks run after the request: the scope of a job's own notifications is given here)
    with in_instance(instance_a), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/gestion/contributions/", {"items": items(*proposals_a[:2]), "action": "export", "format": "csv"})
    assert response.status_code == 302
    from participe.exports.models import Job, JobStatus

    with in_instance(instance_a):
        job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED
    download = client.get(f"/gestion/exports/{job.pk}/download/")
    assert download.status_code == 200
    content = b"".join(download.streaming_content).decode()
    assert proposals_a[0].title in content and proposals_a[2].title not in content


def test_authors_learn_why_after_the_commit_and_pending_content_waits_for_the_queue(
    instance_a, proposals_a, admin_a, participant_a, django_capture_on_commit_callbacks
):
    from participe.notifications.models import Notification

    client = host_client("a.test", admin_a)
    with in_instance(instance_a), django_capture_on_commit_callbacks(execute=True):
        client.post("/gestion/contributions/", {"items": items(proposals_a[0]), "action": "hide", "reason": "Doublon", "format": "csv"})
    with in_instance(instance_a):
        notification = Notification.objects.get(user=participant_a, kind="contribution_hidden")
        assert notification.target_id == proposals_a[0].pk
        Proposal.objects.filter(pk=proposals_a[1].pk).update(status=Status.PENDING)
    client.post("/gestion/contributions/", {"items": items(proposals_a[1]), "action": "publish", "format": "csv"})
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=proposals_a[1].pk).status == Status.PENDING
