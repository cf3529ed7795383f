"""The action log: append-only, per instance, read-only in the back office, exportable as CSV."""

import pytest

from participe.actionlog.models import ActionLog, AppendOnly
from participe.actionlog.services import record
from tests.conftest import host_client

pytestmark = pytest.mark.django_db


def test_record_and_append_only(scope_a, admin_a, participant_a):
    entry = record(admin_a, "accounts.promote", participant_a, {"role": "moderator"})
    assert (entry.instance_id, entry.actor_name, entry.target_repr) == (admin_a.instance_id, "Admin A", "Participant A")
    entry.action = "rewritten"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        ActionLog.objects.all().delete()
    with pytest.raises(AppendOnly):
        ActionLog.objects.update(action="x")
    assert ActionLog.objects.get().action == "accounts.promote"


def test_the_log_survives_the_actor(scope_a, admin_a):
    record(admin_a, "instances.settings")
    admin_a.anonymise()
    assert ActionLog.objects.get().actor_name == "Admin A"


def test_back_office_list_and_csv_per_role_and_instance(
    instance_b, admin_a, admin_b, moderator_a, participant_a, django_assert_max_num_queries
):
    from participe.instances.scoping import in_instance

    with in_instance(admin_a.instance):
        for number in range(60):
            record(admin_a, "test.action", participant_a, {"n": number})
        record(admin_a, "=HYPERLINK(\"http://evil\")")
    with in_instance(instance_b):
        record(admin_b, "secret.of.b")
    client = host_client("a.test", admin_a)
    with django_assert_max_num_queries(15):
        page = client.get("/admin/actionlog/actionlog/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "test.action" in body and "secret.of.b" not in body
    csv = b"".join(client.get("/admin/actionlog/actionlog/export.csv").streaming_content).decode("utf-8-sig")
    assert csv.count("test.action") == 60 and "secret.of.b" not in csv
    assert "'=HYPERLINK" in csv  # neutralised for spreadsheets
    for user in (moderator_a, participant_a):
        assert host_client("a.test", user).get("/admin/actionlog/actionlog/export.csv").status_code in (302, 403)
        assert host_client("a.test", user).get("/admin/actionlog/actionlog/").status_code in (302, 403)
    with in_instance(admin_a.instance):
        pk = ActionLog.objects.first().pk
    assert client.post(f"/admin/actionlog/actionlog/{pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/actionlog/actionlog/add/").status_code == 403


def test_back_office_changes_are_logged(admin_a, participant_a, scope_a):
    client = host_client("a.test", admin_a)
    page = client.get(f"/admin/accounts/user/{participant_a.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields if form.initial.get(name) is not None}
    data.update({"display_name": "Participant renommé", "is_moderator": "on", "is_active": "on"})
    data = {key: value for key, value in data.items() if value is not False}
    response = client.post(f"/admin/accounts/user/{participant_a.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = ActionLog.objects.get()
    assert (entry.action, entry.actor, entry.target_id) == ("backoffice.change", admin_a, participant_a.pk)
    assert "Moderator" in entry.details["change"] or "modérateur" in entry.details["change"].lower()
