"""The notifications a participant gets from real actions, through HTTP: a comment on their proposal, a reply to
their comment, the official answer and the new status of their proposal; each in the app, by e-mail per preferences."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from participe.comments.models import Comment
from participe.instances.scoping import in_instance
from participe.notifications.models import Notification
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(instance_a, participant_a):
    return make_proposal(make_step(instance_a), "Un verger partagé", author=participant_a, status="published")


@pytest.fixture
def lea(instance_a):
    return make_user(instance_a, "lea@a.test", display_name="Léa")


@pytest.fixture
def capture(instance_a, django_capture_on_commit_callbacks):
    """Runs what waits for the commit, in the instance's scope as after a request."""
    from contextlib import contextmanager

    @contextmanager
    def run():
        with in_instance(instance_a), django_capture_on_commit_callbacks(execute=True):
            yield

    return run


def comment_url(target):
    return f"/comments/{ContentType.objects.get_for_model(target).pk}/{target.pk}/"


def kinds_of(user):
    with in_instance(user.instance):
        return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_commented_answered_and_retained_proposal_tells_its_author(
    instance_a, participant_a, admin_a, lea, proposal, capture
):
    with capture():
        response = host_client("a.test", lea).post(comment_url(proposal), {"body": "Belle idée, et les pommiers ?"})
    assert response.status_code == 302
    with capture():
        response = host_client("a.test", admin_a).post(
            f"/proposals/{proposal.pk}/analysis/",
            {"form": "decide", "decision": "accepted", "official_answer": "Le verger sera planté au printemps."},
        )
    assert response.status_code == 302
    assert kinds_of(participant_a) == ["comment_on_mine", "contribution_answered", "followed_status_changed"]
    with in_instance(instance_a):
        status_line = Notification.objects.get(user=participant_a, kind="followed_status_changed")
    assert status_line.message == "« Un verger partagé » a désormais le statut : Retenue."
    subjects = sorted(message.subject for message in mails_to("participant@a.test"))
    assert subjects == [
        "[Ville A] Nouveau commentaire sur votre contribution",
        "[Ville A] Nouveau statut pour une proposition",
        "[Ville A] Réponse officielle à votre contribution",
    ]
    assert kinds_of(lea) == [] and kinds_of(admin_a) == []  # nobody is told of their own action


def test_a_reply_tells_the_comment_author_not_the_replier(
    participant_a, lea, proposal, capture
):
    with capture():
        host_client("a.test", lea).post(comment_url(proposal), {"body": "Et des cerisiers ?"})
        parent = Comment._base_manager.get()
        host_client("a.test", participant_a).post(comment_url(proposal), {"body": "Oui !", "parent": parent.pk})
    assert kinds_of(lea) == ["reply_to_mine"]
    assert kinds_of(participant_a) == ["comment_on_mine"]  # their own reply on their proposal tells them nothing
    assert [m.subject for m in mails_to("lea@a.test")] == ["[Ville A] Nouvelle réponse à votre commentaire"]


def test_a_kind_turned_off_in_preferences_is_no_longer_emailed(
    participant_a, lea, proposal, capture
):
    kept = ["reply_to_mine", "contribution_answered", "followed_status_changed"]
    response = host_client("a.test", participant_a).post(
        "/notifications/preferences/", {"email_on": kept, "digest": "never"}
    )
    assert response.status_code == 302
    with capture():
        host_client("a.test", lea).post(comment_url(proposal), {"body": "Bonne idée"})
    assert kinds_of(participant_a) == ["comment_on_mine"]  # still in the app
    assert mails_to("participant@a.test") == []


def test_a_comment_waiting_for_moderation_tells_the_author_once_published(
    instance_a, participant_a, moderator_a, lea, proposal, capture
):
    step = proposal.step
    step.settings = {**step.settings, "comments_premoderation": True}
    with in_instance(instance_a):
        step.save()
    with capture():
        host_client("a.test", lea).post(comment_url(proposal), {"body": "À modérer"})
    assert kinds_of(participant_a) == []
    from participe.moderation.services import approve

    with capture():
        approve(Comment._base_manager.get(), moderator_a)
    assert kinds_of(participant_a) == ["comment_on_mine"]


def test_a_new_selection_status_tells_the_author_and_followers(
    instance_a, participant_a, lea, proposal, capture
):
    from participe.follows.services import follow
    from participe.modules.proposals.models import SelectionStatus
    from participe.modules.proposals.selection import select

    selection_step = make_step(instance_a, slug="selection", step_type="selection")
    with in_instance(instance_a):
        follow(lea, proposal)
        retained = SelectionStatus.objects.create(instance=instance_a, step=selection_step, name="Retenue")
        with capture():
            select([proposal], selection_step)
        assert kinds_of(participant_a) == []  # moved without a status: nothing to tell yet
        with capture():
            select([proposal], selection_step, retained)
    assert kinds_of(participant_a) == ["followed_status_changed"]
    assert kinds_of(lea) == ["followed_status_changed"]


def test_an_official_comment_is_an_official_answer_for_the_author(participant_a, admin_a, proposal, capture):
    with capture():
        response = host_client("a.test", admin_a).post(
            comment_url(proposal), {"body": "La ville étudie le lieu.", "is_official": "on"}
        )
    assert response.status_code == 302
    assert Comment._base_manager.get().is_official
    assert kinds_of(participant_a) == ["contribution_answered"]


def test_a_comment_on_an_article_of_the_text_tells_nobody(instance_a, admin_a, lea, capture):
    from tests.consultation.conftest import build_consultation

    article = build_consultation(instance_a, author=admin_a)["opinions"][0]  # the institution's text
    with capture():
        response = host_client("a.test", lea).post(comment_url(article), {"body": "Et les langues ?"})
    assert response.status_code == 302
    assert kinds_of(admin_a) == []


def test_an_anonymous_comment_tells_the_author_once_its_email_is_confirmed(
    client_a, instance_a, participant_a, proposal, capture
):
    step = proposal.step
    step.settings = {**step.settings, "anonymous_comments": True}
    with in_instance(instance_a):
        step.save()
    with capture():
        response = client_a.post(
            comment_url(proposal), {"name": "Camille", "email": "camille@example.org", "body": "Bravo"}
        )
    assert response.status_code == 302
    assert kinds_of(participant_a) == []  # not public yet
    link = next(word for word in mail.outbox[-1].body.split() if "/comments/confirm/" in word)
    with capture():
        assert client_a.get(link.replace("http://a.test", "")).status_code == 200
    assert kinds_of(participant_a) == ["comment_on_mine"]
    with in_instance(instance_a):
        assert "Camille" in Notification.objects.get(user=participant_a).message
