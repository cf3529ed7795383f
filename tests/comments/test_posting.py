"""Posting comments and replies through HTTP: roles, instances, step states, bad input, with and without JS."""

import pytest
from django.contrib.contenttypes.models import ContentType

from participe.comments.models import Comment
from participe.instances.scoping import in_instance
from participe.participation.models import Status
from tests.conftest import host_client, make_user

JSON = {"HTTP_ACCEPT": "application/json"}


def add_url(target):
    return f"/comments/{ContentType.objects.get_for_model(target).pk}/{target.pk}/"


def comments_of(target):
    return Comment._base_manager.filter(object_id=target.pk).order_by("pk")


def test_a_participant_comments_without_javascript(participant_a, target):
    client = host_client("a.test", participant_a)
    response = client.post(add_url(target), {"body": "Très bonne idée", "next": "/page/"})
    comment = comments_of(target).get()
    assert response.status_code == 302
    assert response["Location"] == f"/page/#comment-{comment.pk}"
    assert (comment.status, comment.author, comment.step, comment.instance_id) == (
        Status.PUBLISHED,
        participant_a,
        target.step,
        target.instance_id,
    )
    assert comment.published_at is not None


def test_a_participant_comments_with_javascript(participant_a, target):
    response = host_client("a.test", participant_a).post(add_url(target), {"body": "Oui !"}, **JSON)
    assert response.status_code == 201
    payload = response.json()
    assert payload["status"] == "published"
    assert f'id="comment-{payload["id"]}"' in payload["html"]


def test_invalid_input_keeps_what_was_typed_and_links_errors_to_fields(participant_a, target):
    typed = "Un long texte " * 400  # more than 5,000 characters
    response = host_client("a.test", participant_a).post(add_url(target), {"body": typed, "next": "/page/"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in html and 'href="#id_body"' in html
    assert typed.strip()[:200] in html  # nothing typed is lost
    assert not comments_of(target).exists()


def test_an_empty_comment_is_a_clear_error(participant_a, target):
    client = host_client("a.test", participant_a)
    response = client.post(add_url(target), {"body": "   "})
    assert response.status_code == 400
    assert "Please write your comment." in response.content.decode() or "Veuillez écrire" in response.content.decode()
    response = client.post(add_url(target), {"body": ""}, **JSON)
    assert response.status_code == 400 and "body" in response.json()["errors"]


def test_replies_to_a_reply_join_the_thread(participant_a, instance_a, target):
    other = make_user(instance_a, "other@a.test")
    client, other_client = host_client("a.test", participant_a), host_client("a.test", other)
    client.post(add_url(target), {"body": "Premier"})
    root = comments_of(target).get()
    other_client.post(add_url(target), {"body": "Réponse", "parent": root.pk})
    reply = comments_of(target).last()
    client.post(add_url(target), {"body": "Réponse à la réponse", "parent": reply.pk})
    deeper = comments_of(target).last()
    assert (reply.parent_id, reply.in_reply_to_id) == (root.pk, root.pk)
    assert (deeper.parent_id, deeper.in_reply_to_id) == (root.pk, reply.pk)


def test_a_parent_from_another_object_is_refused(participant_a, instance_a, make_target, target):
    elsewhere = make_target(instance_a)
    client = host_client("a.test", participant_a)
    client.post(add_url(elsewhere), {"body": "Ailleurs"})
    foreign_parent = comments_of(elsewhere).get()
    response = client.post(add_url(target), {"body": "Réponse", "parent": foreign_parent.pk})
    assert response.status_code == 400
    assert not comments_of(target).exists()


def test_an_object_of_another_instance_is_not_found(participant_a, instance_b, make_target):
    foreign = make_target(instance_b)
    client = host_client("a.test", participant_a)
    assert client.post(add_url(foreign), {"body": "Coucou"}).status_code == 404
    assert client.post(add_url(foreign), {"body": "Coucou"}, **JSON).status_code == 404
    assert not comments_of(foreign).exists()


def test_objects_not_declared_commentable_are_not_found(participant_a):
    user_type = ContentType.objects.get_for_model(participant_a)
    response = host_client("a.test", participant_a).post(f"/comments/{user_type.pk}/{participant_a.pk}/", {"body": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("state", ["future", "closed"])
def test_steps_not_open_refuse_comments(participant_a, instance_a, make_target, state):
    target = make_target(instance_a, state)
    client = host_client("a.test", participant_a)
    response = client.post(add_url(target), {"body": "Trop tard"})
    assert response.status_code == 403
    assert client.post(add_url(target), {"body": "Trop tard"}, **JSON).status_code == 403
    assert not comments_of(target).exists()


def test_anonymous_visitors_log_in_first_where_the_step_wants_accounts(client_a, target):
    response = client_a.post(add_url(target), {"body": "Anonyme", "next": "/page/"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not comments_of(target).exists()


def test_comments_switched_off_for_the_instance(participant_a, instance_a, target):
    instance_a.features["comments"] = False
    instance_a.save()
    assert host_client("a.test", participant_a).post(add_url(target), {"body": "x"}).status_code == 404


def test_premoderation_keeps_comments_pending_except_moderators(participant_a, moderator_a, instance_a, target):
    instance_a.features["comments_premoderation"] = True
    instance_a.save()
    host_client("a.test", participant_a).post(add_url(target), {"body": "À modérer"})
    host_client("a.test", moderator_a).post(add_url(target), {"body": "Du modérateur"})
    assert [c.status for c in comments_of(target)] == [Status.PENDING, Status.PUBLISHED]


def test_premoderation_by_step_setting(participant_a, instance_a, make_target):
    target = make_target(instance_a, settings={"comments_premoderation": True})
    response = host_client("a.test", participant_a).post(add_url(target), {"body": "À modérer"}, **JSON)
    assert response.json()["status"] == "pending"


def test_unconfirmed_accounts_comments_wait_for_confirmation(instance_a, target):
    newcomer = make_user(instance_a, "new@a.test", confirmed=False)
    response = host_client("a.test", newcomer).post(add_url(target), {"body": "Je suis nouveau"}, **JSON)
    comment = comments_of(target).get()
    assert (comment.status, comment.awaiting_confirmation) == (Status.DRAFT, True)
    assert "confirmed" in response.json()["message"] or "confirm" in response.json()["message"]


def test_official_answers_are_for_staff_only(participant_a, admin_a, target):
    host_client("a.test", admin_a).post(add_url(target), {"body": "Réponse de la ville", "is_official": "on"})
    host_client("a.test", participant_a).post(add_url(target), {"body": "Moi aussi", "is_official": "on"})
    assert [c.is_official for c in comments_of(target)] == [True, False]


def test_comments_are_rate_limited(settings, participant_a, target):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "2/h"}
    client = host_client("a.test", participant_a)
    statuses = [client.post(add_url(target), {"body": f"n°{n}"}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]


def test_missing_requirements_keep_the_typed_comment(participant_a, instance_a, make_target):
    target = make_target(instance_a, requirements=["zip_code"])
    client = host_client("a.test", participant_a)
    response = client.post(add_url(target), {"body": "Mon texte précieux"})
    assert response.status_code == 302 and "/requirements/" in response["Location"]
    assert not comments_of(target).exists()
    with in_instance(instance_a):
        participant_a.zip_code = "31000"
        participant_a.save()
    page = client.get(add_url(target))
    assert "Mon texte précieux" in page.content.decode()


def test_an_account_of_another_instance_cannot_comment_here(participant_b, target):
    response = host_client("a.test", participant_b).post(add_url(target), {"body": "Intrus"})
    assert response.status_code in (302, 403)
    assert not comments_of(target).exists()
