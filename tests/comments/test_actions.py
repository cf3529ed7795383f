"""Editing, withdrawing, pinning, liking and anonymous comments, per role and per instance."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from participe.comments import services
from participe.comments.models import Comment
from participe.instances.scoping import in_instance
from participe.participation.models import Revision, Status
from tests.conftest import host_client, make_user

JSON = {"HTTP_ACCEPT": "application/json"}


def add_url(target):
    return f"/comments/{ContentType.objects.get_for_model(target).pk}/{target.pk}/"


@pytest.fixture
def comment(instance_a, participant_a, target):
    with in_instance(instance_a):
        return services.post_comment(target, "Texte initial", author=participant_a)


def fresh(comment):
    return Comment._base_manager.get(pk=comment.pk)


# Editing ---------------------------------------------------------------------


def test_authors_edit_within_the_window_and_history_is_kept(participant_a, comment):
    client = host_client("a.test", participant_a)
    assert client.get(f"/comments/{comment.pk}/edit/").status_code == 200
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "Texte corrigé", "next": "/page/"})
    assert response.status_code == 302 and response["Location"] == "/page/"
    edited = fresh(comment)
    assert edited.body == "Texte corrigé" and edited.edited_at is not None
    revision = Revision._base_manager.get(object_id=comment.pk)
    assert revision.editor == participant_a
    assert revision.changes == {"body": {"old": "Texte initial", "new": "Texte corrigé"}}


def test_an_invalid_edit_keeps_the_text(participant_a, comment):
    response = host_client("a.test", participant_a).post(f"/comments/{comment.pk}/edit/", {"body": "x" * 5001})
    assert response.status_code == 400
    assert "x" * 5001 in response.content.decode()
    assert fresh(comment).body == "Texte initial"


def test_editing_closes_after_the_window(settings, participant_a, comment):
    settings.COMMENT_EDIT_WINDOW = 60
    Comment._base_manager.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    client = host_client("a.test", participant_a)
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "Trop tard"})
    assert response.status_code == 403
    assert client.post(f"/comments/{comment.pk}/edit/", {"body": "Trop tard"}, **JSON).status_code == 403
    assert fresh(comment).body == "Texte initial"


@pytest.mark.parametrize("role", ["other", "moderator_a", "admin_a"])
def test_only_the_author_edits(request, instance_a, comment, role):
    user = make_user(instance_a, "other@a.test") if role == "other" else request.getfixturevalue(role)
    response = host_client("a.test", user).post(f"/comments/{comment.pk}/edit/", {"body": "Pirate"})
    assert response.status_code == 403
    assert fresh(comment).body == "Texte initial"


def test_a_comment_of_another_instance_is_not_found(participant_b, comment):
    client = host_client("b.test", participant_b)
    assert client.post(f"/comments/{comment.pk}/edit/", {"body": "x"}).status_code == 404
    assert client.post(f"/comments/{comment.pk}/trash/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_to_edit(client_a, comment):
    assert client_a.get(f"/comments/{comment.pk}/edit/")["Location"].startswith("/accounts/login/")


# Withdrawing -----------------------------------------------------------------


def test_authors_withdraw_their_comment(participant_a, instance_a, comment):
    other = host_client("a.test", make_user(instance_a, "other@a.test"))
    assert other.post(f"/comments/{comment.pk}/trash/").status_code == 403
    client = host_client("a.test", participant_a)
    response = client.post(f"/comments/{comment.pk}/trash/", **JSON)
    assert response.json()["status"] == "trashed"
    assert fresh(comment).status == Status.TRASHED
    assert client.post(f"/comments/{comment.pk}/trash/").status_code == 404


# Pinning ---------------------------------------------------------------------


def test_moderators_pin_and_unpin(moderator_a, comment):
    client = host_client("a.test", moderator_a)
    assert client.post(f"/comments/{comment.pk}/pin/", {"next": "/page/"})["Location"] == "/page/"
    assert fresh(comment).is_pinned
    assert client.post(f"/comments/{comment.pk}/pin/", **JSON).json() == {"id": comment.pk, "is_pinned": False}


def test_participants_cannot_pin(participant_a, comment):
    assert host_client("a.test", participant_a).post(f"/comments/{comment.pk}/pin/").status_code == 403
    assert not fresh(comment).is_pinned


def test_a_moderator_of_another_instance_cannot_pin(instance_b, comment):
    moderator_b = make_user(instance_b, "moderator@b.test", is_moderator=True)
    assert host_client("b.test", moderator_b).post(f"/comments/{comment.pk}/pin/").status_code == 404
    # …and their session means nothing on instance A
    assert host_client("a.test", moderator_b).post(f"/comments/{comment.pk}/pin/").status_code in (302, 403)
    assert not fresh(comment).is_pinned


def test_replies_cannot_be_pinned(moderator_a, instance_a, participant_a, target, comment):
    with in_instance(instance_a):
        reply = services.post_comment(target, "Réponse", author=participant_a, parent=comment)
    assert host_client("a.test", moderator_a).post(f"/comments/{reply.pk}/pin/").status_code == 400


def test_pinned_threads_come_first(instance_a, participant_a, target, comment):
    with in_instance(instance_a):
        later = services.post_comment(target, "Plus récent", author=participant_a)
        Comment.objects.filter(pk=comment.pk).update(is_pinned=True)
        assert list(Comment.objects.on(target).roots()) == [fresh(comment), later]


# Likes through the vote engine -----------------------------------------------


def test_comments_are_liked_through_the_vote_engine(instance_a, comment):
    liker = make_user(instance_a, "liker@a.test")
    url = f"/votes/{ContentType.objects.get_for_model(Comment).pk}/{comment.pk}/"
    client = host_client("a.test", liker)
    response = client.post(url, {"value": "1"}, **JSON)
    assert response.json()["counts"] == {"votes_total": 1}
    assert fresh(comment).likes_count == 1
    assert client.post(url, {"value": "-1"}).status_code == 400  # a like has one value
    client.post(url, {"withdraw": "1"})
    assert fresh(comment).likes_count == 0


def test_likes_do_not_count_as_votes_of_the_step(instance_a, comment, target):
    liker = make_user(instance_a, "liker@a.test")
    host_client("a.test", liker).post(f"/votes/{ContentType.objects.get_for_model(Comment).pk}/{comment.pk}/", {"value": "1"})
    target.step.refresh_from_db()
    assert target.step.votes_count == 0


def test_hidden_comments_cannot_be_liked(instance_a, comment):
    Comment._base_manager.filter(pk=comment.pk).update(status=Status.HIDDEN)
    liker = make_user(instance_a, "liker@a.test")
    url = f"/votes/{ContentType.objects.get_for_model(Comment).pk}/{comment.pk}/"
    assert host_client("a.test", liker).post(url, {"value": "1"}).status_code == 404


# Anonymous comments ----------------------------------------------------------


@pytest.fixture
def open_to_anonymous(instance_a, make_target):
    return make_target(instance_a, settings={"anonymous_comments": True})


def test_anonymous_comments_are_published_once_the_email_link_is_followed(client_a, open_to_anonymous):
    target = open_to_anonymous
    response = client_a.post(
        add_url(target), {"name": "Camille", "email": "camille@example.org", "body": "Bravo", "next": "/page/"}
    )
    assert response.status_code == 302
    comment = Comment._base_manager.get(object_id=target.pk)
    assert (comment.author, comment.anonymous_name, comment.status, comment.awaiting_confirmation) == (
        None,
        "Camille",
        Status.DRAFT,
        True,
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["camille@example.org"]
    link = next(word for word in mail.outbox[0].body.split() if "/comments/confirm/" in word)
    page = client_a.get(link.replace("http://a.test", ""))
    assert page.status_code == 200
    comment = fresh(comment)
    assert comment.status == Status.PUBLISHED and not comment.awaiting_confirmation
    assert comment.author_name == "Camille"


def test_anonymous_form_errors_keep_name_and_email(client_a, open_to_anonymous):
    response = client_a.post(add_url(open_to_anonymous), {"name": "Camille", "email": "pas-une-adresse", "body": "Bravo"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Camille"' in html and 'value="pas-une-adresse"' in html and "Bravo" in html
    assert 'href="#id_email"' in html


def test_a_forged_or_foreign_confirmation_link_does_nothing(client_a, client_b, open_to_anonymous):
    client_a.post(add_url(open_to_anonymous), {"name": "Camille", "email": "camille@example.org", "body": "Bravo"})
    comment = Comment._base_manager.get(object_id=open_to_anonymous.pk)
    token = services.confirmation_token(comment)
    assert client_a.get(f"/comments/confirm/{token}x/").status_code == 400
    assert client_b.get(f"/comments/confirm/{token}/").status_code == 400
    assert fresh(comment).status == Status.DRAFT


def test_anonymous_comments_under_premoderation_wait_for_a_moderator(client_a, instance_a, open_to_anonymous):
    instance_a.features["comments_premoderation"] = True
    instance_a.save()
    client_a.post(add_url(open_to_anonymous), {"name": "Camille", "email": "camille@example.org", "body": "Bravo"})
    comment = Comment._base_manager.get(object_id=open_to_anonymous.pk)
    client_a.get(f"/comments/confirm/{services.confirmation_token(comment)}/")
    comment = fresh(comment)
    assert (comment.status, comment.awaiting_confirmation) == (Status.PENDING, False)


def test_the_personal_data_export_lists_comments_and_votes(instance_a, participant_a, comment):
    from participe.votes.services import cast_vote

    with in_instance(instance_a):
        cast_vote(participant_a, comment, 1)
    data = host_client("a.test", participant_a).get(reverse("accounts:export")).json()
    assert data["comments"][0]["body"] == "Texte initial"
    assert data["votes"][0]["value"] == 1


# Back office ------------------------------------------------------------------


def test_moderators_read_comments_and_history_in_the_back_office(moderator_a, participant_a, comment):
    client = host_client("a.test", moderator_a)
    assert "Texte initial" in client.get("/admin/comments/comment/").content.decode()
    assert client.get("/admin/participation/revision/").status_code == 200
    assert host_client("a.test", participant_a).get("/admin/comments/comment/").status_code in (302, 403)


def test_a_moderator_of_another_instance_sees_none_of_them(instance_b, comment):
    moderator_b = make_user(instance_b, "moderator@b.test", is_moderator=True)
    page = host_client("b.test", moderator_b).get("/admin/comments/comment/")
    assert page.status_code == 200 and "Texte initial" not in page.content.decode()
