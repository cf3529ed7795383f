"""Participants in /gestion/: instance administrators only; roles, ban, groups, personal data on request."""

import json

from participe.accounts.models import ParticipantGroup, User
from participe.actionlog.models import ActionLog
from participe.instances.scoping import in_instance
from participe.projects.models import Project
from tests.conftest import host_client, make_user


def test_who_opens_the_participants(instance_a, admin_a, moderator_a, participant_a, admin_b, client_a):
    assert client_a.get("/gestion/participants/").status_code == 302
    for person in (moderator_a, participant_a):
        assert host_client("a.test", person).get("/gestion/participants/").status_code == 403
        assert host_client("a.test", person).get("/gestion/groups/").status_code == 403
    page = host_client("a.test", admin_a).get("/gestion/participants/")
    assert page.status_code == 200 and "participant@a.test" in page.content.decode()
    # Another instance's administrator does not find A's accounts.
    assert host_client("b.test", admin_b).get(f"/gestion/participants/{participant_a.pk}/").status_code == 404


def test_search_and_filters_in_constant_queries(instance_a, admin_a, participant_a, django_assert_max_num_queries):
    client = host_client("a.test", admin_a)
    for n in range(30):
        make_user(instance_a, f"p{n}@a.test", confirmed=n % 2 == 0, is_banned=n == 3)
    with django_assert_max_num_queries(20):
        page = client.get("/gestion/participants/")
    assert page.context["page"].paginator.count == 32
    assert client.get("/gestion/participants/", {"q": "p1"}).context["page"].paginator.count == 11
    assert client.get("/gestion/participants/", {"banned": "yes"}).context["page"].paginator.count == 1
    assert client.get("/gestion/participants/", {"confirmed": "no"}).context["page"].paginator.count == 15
    assert client.get("/gestion/participants/", {"role": "instance_admin"}).context["page"].paginator.count == 1
    assert client.get("/gestion/participants/", {"role": "bogus"}).status_code == 400


def test_roles_are_given_and_logged(instance_a, admin_a, participant_a):
    with in_instance(instance_a):
        project = Project.objects.create(title="Parc", slug="parc")
    client = host_client("a.test", admin_a)
    response = client.post(
        f"/gestion/participants/{participant_a.pk}/roles/", {"is_moderator": "on", "projects": [project.pk]}
    )
    assert response.status_code == 302
    with in_instance(instance_a):
        person = User.objects.get(pk=participant_a.pk)
        assert person.is_moderator and not person.is_instance_admin
        assert list(person.administered_projects.all()) == [project]
        assert ActionLog.objects.get(action="gestion.roles").details["is_moderator"] is True
    assert client.get("/gestion/participants/", {"role": "project_manager"}).context["page"].paginator.count == 1
    # One's own roles are not changed here; a bad project id is a 400.
    client.post(f"/gestion/participants/{admin_a.pk}/roles/", {})
    admin_a.refresh_from_db()
    assert admin_a.is_instance_admin
    assert client.post(f"/gestion/participants/{participant_a.pk}/roles/", {"projects": ["999999"]}).status_code == 400


def test_ban_with_a_reason_and_lift_it(instance_a, admin_a, participant_a, moderator_a, django_capture_on_commit_callbacks):
    client = host_client("a.test", admin_a)
    assert client.post(f"/gestion/participants/{participant_a.pk}/ban/", {"ban-reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/gestion/participants/{participant_a.pk}/ban/", {"ban-reason": "Insultes répétées"})
    assert response.status_code == 302
    participant_a.refresh_from_db()
    assert participant_a.is_banned
    # A banned account can no longer take part.
    assert not host_client("a.test", participant_a).get("/").wsgi_request.user.has_perm("accounts.participate")
    refused = client.post(f"/gestion/participants/{moderator_a.pk}/ban/", {"ban-reason": "x"})
    assert refused.status_code == 400
    client.post(f"/gestion/participants/{participant_a.pk}/ban/", {"unban": "1"})
    participant_a.refresh_from_db()
    assert not participant_a.is_banned
    with in_instance(instance_a):
        assert [e.action for e in ActionLog.objects.order_by("pk")] == ["moderation.ban", "moderation.unban"]


def test_personal_data_export_and_deletion_on_request(instance_a, admin_a, participant_a, django_capture_on_commit_callbacks):
    client = host_client("a.test", admin_a)
    url = f"/gestion/participants/{participant_a.pk}"
    assert client.get(f"{url}/export/").status_code == 200
    export = client.post(f"{url}/export/")
    assert export.status_code == 200 and export["Content-Disposition"].startswith("attachment")
    assert json.loads(export.content)["account"]["email"] == "participant@a.test"
    assert client.get(f"{url}/delete/").status_code == 200
    assert client.post(f"{url}/delete/", {}).status_code == 400  # not confirmed
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{url}/delete/", {"confirm": "on"}).status_code == 302
    participant_a.refresh_from_db()
    assert participant_a.deleted_at and not participant_a.is_active and participant_a.email.startswith("deleted-")
    assert client.get(f"{url}/").status_code == 404
    assert client.post(f"/gestion/participants/{admin_a.pk}/delete/", {"confirm": "on"}).status_code == 400
    with in_instance(instance_a):
        assert {e.action for e in ActionLog.objects.all()} == {"gestion.personal_data_export", "gestion.anonymise"}


def test_groups_and_their_members(instance_a, admin_a, participant_a, participant_b):
    client = host_client("a.test", admin_a)
    assert client.post("/gestion/groups/", {"name": ""}).status_code == 400
    response = client.post("/gestion/groups/", {"name": "Conseil de quartier"})
    with in_instance(instance_a):
        group = ParticipantGroup.objects.get()
    assert response["Location"] == f"/gestion/groups/{group.pk}/"
    # An account of another instance is not found by its e-mail.
    assert client.post(f"/gestion/groups/{group.pk}/", {"add-email": "participant@b.test"}).status_code == 400
    assert client.post(f"/gestion/groups/{group.pk}/", {"add-email": "participant@a.test"}).status_code == 302
    with in_instance(instance_a):
        assert list(group.members.all()) == [participant_a]
    assert client.get("/gestion/participants/", {"group": group.pk}).context["page"].paginator.count == 1
    assert client.post(f"/gestion/groups/{group.pk}/remove/{participant_a.pk}/").status_code == 302
    with in_instance(instance_a):
        assert not group.members.exists()
    assert client.post(f"/gestion/groups/{group.pk}/", {"group-name": "Conseil"}).status_code == 302
    assert client.post(f"/gestion/groups/{group.pk}/delete/", {"confirm": "on"}).status_code == 302
    with in_instance(instance_a):
        assert not ParticipantGroup.objects.exists()
