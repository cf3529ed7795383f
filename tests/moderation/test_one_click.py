"""One-click links in moderators' e-mails: GET asks, POST acts; signed, expiring, bound to instance, moderator, action."""

import re
import time
from unittest import mock

import pytest
from django.core import mail

from participe.actionlog.models import ActionLog
from participe.moderation import services
from participe.moderation.links import MAX_AGE, action_token
from participe.moderation.models import CaseStatus, ModerationCase
from participe.participation.models import Status
from tests.conftest import host_client, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_a(instance_a, comment_a, moderator_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.report(make_user(instance_a, "reporter@a.test"), comment_a, "spam")
    return ModerationCase.objects.get()


def links_in(message):
    return dict(re.findall(r"\n(\w[^\n:]*?) : http://a\.test(/moderation/link/[^/\s]+/)", message.body))


def test_links_from_the_email(client_a, case_a, comment_a, moderator_a):
    message = next(m for m in mail.outbox if m.to == ["moderator@a.test"])
    links = list(links_in(message).values())
    assert len(links) == 3
    approve, hide, trash = links
    # A link scanner following the link changes nothing.
    page = client_a.get(hide)
    assert page.status_code == 200 and "Planter des arbres" in page.content.decode()
    comment_a.refresh_from_db()
    assert comment_a.status == Status.PUBLISHED
    # Hiding asks for the public reason.
    assert client_a.post(hide, {"reason": ""}).status_code == 400
    assert client_a.post(hide, {"reason": "Propos insultants"}).status_code == 200
    comment_a.refresh_from_db()
    assert (comment_a.status, comment_a.moderation_reason, comment_a.moderated_by) == (
        Status.HIDDEN, "Propos insultants", moderator_a,
    )
    assert ActionLog.objects.get().actor == moderator_a
    # Once decided, another link of the same e-mail does nothing more.
    client_a.post(trash)
    comment_a.refresh_from_db()
    assert comment_a.status == Status.HIDDEN


def test_tampered_link(client_a, case_a, moderator_a):
    token = action_token(moderator_a, case_a, "approve")
    assert client_a.get(f"/moderation/link/{token[:-4]}abcd/").status_code == 400
    # Changing the action in the payload breaks the signature.
    forged = token.replace(token.split(":")[0], token.split(":")[0][::-1])
    assert client_a.post(f"/moderation/link/{forged}/").status_code == 400
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.OPEN


def test_expired_link(client_a, case_a, moderator_a):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - MAX_AGE - 60):
        token = action_token(moderator_a, case_a, "trash")
    response = client_a.post(f"/moderation/link/{token}/")
    assert response.status_code == 400
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.OPEN


def test_link_is_bound_to_its_instance(client_b, case_a, moderator_a):
    token = action_token(moderator_a, case_a, "trash")
    assert client_b.post(f"/moderation/link/{token}/").status_code == 404


def test_link_of_a_former_moderator_or_used_by_someone_else(client_a, case_a, moderator_a, participant_a):
    token = action_token(moderator_a, case_a, "trash")
    other = host_client("a.test", participant_a)
    assert other.post(f"/moderation/link/{token}/").status_code == 403
    moderator_a.is_moderator = False
    moderator_a.save()
    assert client_a.post(f"/moderation/link/{token}/").status_code == 403
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.OPEN


def test_a_link_made_for_a_participant_is_refused(client_a, case_a, participant_a):
    token = action_token(participant_a, case_a, "trash")
    assert client_a.post(f"/moderation/link/{token}/").status_code == 403
