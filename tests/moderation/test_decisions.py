"""Moderation decisions per role and per instance, their effects, the author told, the action log written."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from participe.actionlog.models import ActionLog
from participe.moderation import services
from participe.moderation.models import CaseStatus, ModerationCase
from participe.participation.models import Status
from tests.conftest import host_client, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_a(instance_a, comment_a):
    services.report(make_user(instance_a, "reporter@a.test"), comment_a, "offensive", "Insulte")
    return ModerationCase.objects.get()


def test_queue_per_role(case_a, participant_a, moderator_a, admin_a, client_a):
    assert client_a.get("/gestion/moderation/").status_code == 302
    assert host_client("a.test", participant_a).get("/gestion/moderation/").status_code == 403
    for staff in (moderator_a, admin_a):
        page = host_client("a.test", staff).get("/gestion/moderation/")
        assert page.status_code == 200
        assert "Planter des arbres" in page.content.decode()


def test_queue_filters_and_constant_queries(instance_a, case_a, moderator_a, comment_a, django_assert_max_num_queries):
    from tests.moderation.conftest import comment_on_new_project

    for number in range(30):
        comment = comment_on_new_project(comment_a.author, f"p{number}", f"Commentaire {number}")
        services.report(make_user(instance_a, f"r{number}@a.test"), comment, "spam" if number % 2 else "error")
    client = host_client("a.test", moderator_a)
    # The back office's navigation asks the permission of each of its sections (a few queries, not per row).
    with django_assert_max_num_queries(20):
        page = client.get("/gestion/moderation/")
    assert page.content.decode().count('href="/gestion/moderation/') >= 25  # first page of 31 cases
    assert "page=2" in page.content.decode()
    with django_assert_max_num_queries(20):
        page = client.get("/gestion/moderation/", {"reason": "offensive", "status": "open"})
    assert page.context["page"].paginator.count == 1
    assert client.get("/gestion/moderation/", {"reason": "spam"}).context["page"].paginator.count == 15
    bad = client.get("/gestion/moderation/", {"reason": "bogus", "type": "abc"})
    assert bad.status_code == 400 and 'class="field-error"' in bad.content.decode()


def test_hide_with_public_reason(case_a, moderator_a, comment_a, django_capture_on_commit_callbacks):
    client = host_client("a.test", moderator_a)
    response = client.post(f"/gestion/moderation/{case_a.pk}/hide/", {"reason": ""})
    assert response.status_code == 400 and 'class="error-summary"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/gestion/moderation/{case_a.pk}/hide/", {"reason": "Propos insultants"})
    assert response.status_code == 302
    comment_a.refresh_from_db()
    assert (comment_a.status, comment_a.moderation_reason, comment_a.moderated_by) == (
        Status.HIDDEN, "Propos insultants", moderator_a,
    )
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.HIDDEN and case_a.decided_by == moderator_a
    [message] = mail.outbox
    assert message.to == ["participant@a.test"] and "Propos insultants" in message.body
    entry = ActionLog.objects.get()
    assert (entry.action, entry.actor, entry.target_id) == ("moderation.hide", moderator_a, comment_a.pk)
    assert entry.details["reason"] == "Propos insultants"


def test_placeholder_says_why(comment_a, moderator_a):
    from django.template import Context, Template

    services.hide(comment_a, "Hors sujet", moderator_a)
    html = Template("{% load moderation %}{% moderation_placeholder obj %}").render(Context({"obj": comment_a}))
    assert "Hors sujet" in html


def test_approve_and_trash(case_a, moderator_a, comment_a):
    client = host_client("a.test", moderator_a)
    assert client.post(f"/gestion/moderation/{case_a.pk}/approve/").status_code == 302
    comment_a.refresh_from_db()
    assert comment_a.status == Status.PUBLISHED
    assert client.post(f"/gestion/moderation/{case_a.pk}/trash/").status_code == 302
    comment_a.refresh_from_db()
    assert comment_a.status == Status.DELETED
    assert list(ActionLog.objects.order_by("pk").values_list("action", flat=True)) == [
        "moderation.approve", "moderation.trash",
    ]
    assert client.post(f"/gestion/moderation/{case_a.pk}/explode/").status_code == 404
    assert client.get(f"/gestion/moderation/{case_a.pk}/approve/").status_code == 405


def test_approving_premoderated_content_publishes_it(scope_a, comment_a, moderator_a):
    comment_a.status = Status.PENDING
    comment_a.save()
    services.submit_for_review(comment_a)
    assert ModerationCase.objects.get().awaiting_approval
    services.approve(comment_a, moderator_a)
    comment_a.refresh_from_db()
    assert comment_a.status == Status.PUBLISHED and comment_a.published_at is not None


def test_ban_author_with_email(case_a, moderator_a, comment_a, django_capture_on_commit_callbacks):
    client = host_client("a.test", moderator_a)
    assert client.post(f"/gestion/moderation/{case_a.pk}/ban/", {"ban-reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/gestion/moderation/{case_a.pk}/ban/", {"ban-reason": "Insultes répétées"}).status_code == 302
    comment_a.author.refresh_from_db()
    assert comment_a.author.is_banned
    [message] = mail.outbox
    assert message.to == ["participant@a.test"] and "Insultes répétées" in message.body
    assert ActionLog.objects.get().action == "moderation.ban"


def test_staff_cannot_be_banned_from_the_queue(scope_a, moderator_a, admin_a):
    with pytest.raises(services.ModerationError):
        services.ban(admin_a, "Non", moderator_a)
    admin_a.refresh_from_db()
    assert not admin_a.is_banned


def test_participant_cannot_moderate(case_a, participant_a, comment_a):
    client = host_client("a.test", participant_a)
    assert client.get(f"/gestion/moderation/{case_a.pk}/").status_code == 403
    assert client.post(f"/gestion/moderation/{case_a.pk}/hide/", {"reason": "x"}).status_code == 403
    comment_a.refresh_from_db()
    assert comment_a.status == Status.PUBLISHED
    with pytest.raises(PermissionDenied):
        services.hide(comment_a, "x", participant_a)


def test_moderator_of_a_cannot_moderate_b(instance_b, comment_b, moderator_a, participant_b):
    from participe.instances.scoping import in_instance

    with in_instance(instance_b):
        services.report(make_user(instance_b, "r@b.test"), comment_b, "spam")
        case_b = ModerationCase.objects.get()
    client = host_client("a.test", moderator_a)
    assert client.get(f"/gestion/moderation/{case_b.pk}/").status_code == 404
    assert client.post(f"/gestion/moderation/{case_b.pk}/hide/", {"reason": "x"}).status_code == 404
    assert client.post(f"/gestion/moderation/{case_b.pk}/ban/", {"ban-reason": "x"}).status_code == 404
    # Their session does not open instance B either.
    assert host_client("b.test", moderator_a).get("/gestion/moderation/").status_code in (302, 403)
    with in_instance(instance_b):
        comment_b.refresh_from_db()
        assert comment_b.status == Status.PUBLISHED
        with pytest.raises(PermissionDenied):
            services.hide(comment_b, "x", moderator_a)


def test_queue_shows_open_cases_by_default_and_all_on_request(case_a, moderator_a, comment_a):
    client = host_client("a.test", moderator_a)
    services.approve(comment_a, moderator_a)
    assert client.get("/gestion/moderation/").context["page"].paginator.count == 0
    assert client.get("/gestion/moderation/", {"page": "2"}).context["page"].paginator.count == 0
    assert client.get("/gestion/moderation/", {"status": ""}).context["page"].paginator.count == 1
    assert client.get("/gestion/moderation/", {"status": "approved"}).context["page"].paginator.count == 1


def test_case_page_shows_content_reports_and_decisions(case_a, moderator_a, django_assert_max_num_queries):
    client = host_client("a.test", moderator_a)
    with django_assert_max_num_queries(15):
        page = client.get(f"/gestion/moderation/{case_a.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Planter des arbres" in body and "Insulte" in body
    for action in ("approve", "hide", "trash", "ban"):
        assert f'action="/gestion/moderation/{case_a.pk}/{action}/"' in body


def test_approve_restores_what_moderation_removed_but_not_what_the_author_withdrew(scope_a, comment_a, moderator_a):
    services.trash(comment_a, moderator_a)
    services.approve(comment_a, moderator_a)
    assert comment_a.status == Status.PUBLISHED
    comment_a.status = Status.TRASHED
    comment_a.save()
    services.approve(comment_a, moderator_a)
    comment_a.refresh_from_db()
    assert comment_a.status == Status.TRASHED
