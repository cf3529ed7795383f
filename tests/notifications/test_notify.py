"""notify(): in-app line, e-mail according to preferences, one-click unsubscribe headers and links."""

import re

import pytest
from django.core import mail

from participe.notifications.models import Digest, Notification, NotificationPreference
from participe.notifications.services import notify
from participe.notifications.unsubscribe import read_unsubscribe_token
from participe.projects.models import Project
from tests.conftest import host_client, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(scope_a):
    return Project.objects.create(title="Budget participatif", slug="budget", is_published=True)


def unsubscribe_path(message):
    return re.search(r"<https?://a\.test(/[^>]+)>", message.extra_headers["List-Unsubscribe"]).group(1)


def test_notify_creates_in_app_line_and_email(participant_a, project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(participant_a, "comment_on_mine", project, {"actor": "Léa", "quote": "Bonne idée"})
    assert notification.message == "Léa a commenté votre contribution « Budget participatif »."
    assert Notification.objects.get().emailed_at is not None
    [message] = mail.outbox
    assert message.to == ["participant@a.test"]
    assert message.subject == "[Ville A] Nouveau commentaire sur votre contribution"
    assert "Bonne idée" in message.body and "Bonne idée" in message.alternatives[0][0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_no_email_when_the_kind_is_off_or_address_unconfirmed(
    instance_a, participant_a, project, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=participant_a, email_off=["comment_on_mine"])
    unconfirmed = make_user(instance_a, "new@a.test", confirmed=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(participant_a, "comment_on_mine", project, {"actor": "Léa"})
        notify(unconfirmed, "comment_on_mine", project, {"actor": "Léa"})
        notify(participant_a, "reply_to_mine", project, {"actor": "Léa"})
    assert Notification.objects.count() == 3  # always in the app
    assert [m.to for m in mail.outbox] == [["participant@a.test"]]


def test_one_click_unsubscribe_by_post_without_login(client_a, participant_a, project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(participant_a, "reply_to_mine", project, {"actor": "Léa"})
    path = unsubscribe_path(mail.outbox[0])
    assert client_a.get(path).status_code == 200
    assert not NotificationPreference.objects.exists()  # GET changes nothing
    response = client_a.post(path, {"List-Unsubscribe": "One-Click"})  # what mail providers send (RFC 8058)
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=participant_a).email_off == ["reply_to_mine"]


def test_unsubscribe_link_tampered_or_on_another_instance(client_a, client_b, participant_a, project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(participant_a, "reply_to_mine", project, {"actor": "Léa"})
    path = unsubscribe_path(mail.outbox[0])
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert read_unsubscribe_token(token, participant_a.instance)["u"] == participant_a.pk
    assert client_a.post(path.replace(token, token[:-3] + "abc")).status_code == 400
    assert client_b.post(path).status_code == 400
    assert not NotificationPreference.objects.exists()


def test_preferences_page(participant_a, scope_a):
    client = host_client("a.test", participant_a)
    page = client.get("/notifications/preferences/").content.decode()
    assert "Les nouveaux commentaires sur mes contributions" in page
    assert "nouveaux signalements" not in page  # moderators only
    response = client.post("/notifications/preferences/", {"email_on": ["reply_to_mine"], "digest": "never"})
    assert response.status_code == 302
    preferences = NotificationPreference.objects.get(user=participant_a)
    assert preferences.digest == Digest.NEVER
    assert "comment_on_mine" in preferences.email_off and "reply_to_mine" not in preferences.email_off


def test_preferences_bad_input_keeps_what_was_typed(participant_a, scope_a):
    client = host_client("a.test", participant_a)
    response = client.post("/notifications/preferences/", {"email_on": ["reply_to_mine", "nonsense"], "digest": "hourly"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'value="reply_to_mine" id="id_email_on_4" checked' in page or 'value="reply_to_mine"' in page
    assert not NotificationPreference.objects.exists()


def test_list_bell_and_open(participant_a, project, django_assert_max_num_queries, rf):
    from django.template import Context, Template

    for _number in range(35):
        notify(participant_a, "step_opened", project)
    client = host_client("a.test", participant_a)
    with django_assert_max_num_queries(10):
        response = client.get("/notifications/")
    assert response.status_code == 200
    assert response.content.decode().count("notification--unread") == 30  # paginated
    request = rf.get("/", HTTP_HOST="a.test")
    request.user = participant_a
    bell = Template('{% include "notifications/bell.html" %}').render(Context({"request": request}))
    assert ">35<" in bell.replace(" ", "").replace("\n", "") or "35" in bell
    first = Notification.objects.first()
    response = client.get(f"/notifications/{first.pk}/")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    client.post("/notifications/read/")
    assert not Notification.objects.unread().exists()


def test_someone_elses_notification_is_404(instance_a, participant_a, project):
    other = make_user(instance_a, "other@a.test")
    notification = notify(other, "step_opened", project)
    assert host_client("a.test", participant_a).get(f"/notifications/{notification.pk}/").status_code == 404


def test_list_needs_login(client_a):
    assert client_a.get("/notifications/").status_code == 302


def test_personal_data_export(participant_a, project):
    from participe.accounts.personal_data import collect
    from participe.follows.services import follow

    follow(participant_a, project)
    notify(participant_a, "step_opened", project)
    data = collect(participant_a)
    assert data["follows"][0]["id"] == project.pk
    assert data["notifications"]["notifications"][0]["kind"] == "step_opened"
    assert data["reports"] == []
