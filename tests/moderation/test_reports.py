"""Reporting content: the form, its bad input, one report per person, and moderators alerted by e-mail."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from participe.comments.models import Comment
from participe.moderation.models import CaseStatus, ModerationCase, Report
from tests.conftest import host_client, make_user

pytestmark = pytest.mark.django_db


def report_url(comment):
    return f"/moderation/report/{ContentType.objects.get_for_model(Comment).pk}/{comment.pk}/"


def test_report_opens_a_case_and_alerts_moderators(
    instance_a, comment_a, moderator_a, admin_a, django_capture_on_commit_callbacks
):
    reporter = make_user(instance_a, "reporter@a.test")
    client = host_client("a.test", reporter)
    assert client.get(report_url(comment_a)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_url(comment_a), {"reason": "offensive", "text": "Insultes"})
    assert response.status_code == 302 and response["Location"] == comment_a.get_absolute_url()
    case = ModerationCase.objects.get()
    assert (case.status, case.reports_count, case.target) == (CaseStatus.OPEN, 1, comment_a)
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@a.test", "moderator@a.test"]
    message = next(m for m in mail.outbox if m.to == ["moderator@a.test"])
    assert "/moderation/link/" in message.body and "Insultes" in message.body


def test_second_report_by_the_same_person_is_refused_kindly(instance_a, comment_a, participant_b):
    reporter = make_user(instance_a, "reporter@a.test")
    client = host_client("a.test", reporter)
    client.post(report_url(comment_a), {"reason": "spam"})
    response = client.post(report_url(comment_a), {"reason": "spam"}, follow=True)
    assert response.status_code == 200
    assert Report.objects.count() == 1
    assert ModerationCase.objects.get().reports_count == 1


def test_more_reports_count_without_new_alerts(instance_a, comment_a, moderator_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            reporter = make_user(instance_a, f"r{number}@a.test")
            host_client("a.test", reporter).post(report_url(comment_a), {"reason": "spam"})
    assert ModerationCase.objects.get().reports_count == 3
    assert len(mail.outbox) == 1


def test_bad_input_is_shown_with_what_was_typed(instance_a, comment_a):
    client = host_client("a.test", make_user(instance_a, "reporter@a.test"))
    response = client.post(report_url(comment_a), {"reason": "other", "text": "   "})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    response = client.post(report_url(comment_a), {"reason": "nonsense", "text": "Mon texte gardé"})
    assert "Mon texte gardé" in response.content.decode()
    assert not Report.objects.exists()


def test_who_may_report(client_a, instance_a, comment_a, comment_b):
    assert client_a.get(report_url(comment_a)).status_code == 302  # to the login page
    banned = host_client("a.test", make_user(instance_a, "banned@a.test", is_banned=True))
    assert banned.post(report_url(comment_a), {"reason": "spam"}).status_code in (302, 403)  # banned: signed out
    reporter = host_client("a.test", make_user(instance_a, "reporter@a.test"))
    assert reporter.get(report_url(comment_b)).status_code == 404  # another instance's content
    assert not Report.objects.exists()


def test_reporting_switched_off_by_the_instance(instance_a, comment_a):
    instance_a.features["reporting"] = False
    instance_a.save()
    client = host_client("a.test", make_user(instance_a, "reporter@a.test"))
    assert client.get(report_url(comment_a)).status_code == 404


def test_report_link_tag(instance_a, comment_a, rf):
    from django.template import Context, Template

    request = rf.get("/", HTTP_HOST="a.test")
    request.instance = instance_a
    request.user = make_user(instance_a, "reader@a.test")
    html = Template("{% load moderation %}{% report_link obj %}").render(Context({"request": request, "obj": comment_a}))
    assert report_url(comment_a) in html
    request.user = comment_a.author  # nobody reports their own text
    html = Template("{% load moderation %}{% report_link obj %}").render(Context({"request": request, "obj": comment_a}))
    assert "href" not in html
