"""The contribution lifecycle shared by every module: first status, confirmation, edit history."""

import pytest
from django.contrib.contenttypes.models import ContentType

from participe.accounts.tokens import make_email_token
from participe.comments import services as comments
from participe.comments.models import Comment
from participe.participation.models import Status
from participe.participation.services import (
    contribution_models,
    history,
    initial_status,
    record_revision,
)
from participe.participation.signals import contribution_published
from participe.votes.services import cast_vote
from tests.conftest import host_client, make_user
from tests.participation.targets import AgreeTarget

pytestmark = pytest.mark.usefixtures("participation_test_tables")


@pytest.mark.parametrize(
    "confirmed, premoderated, draft, expected",
    [
        (True, False, False, (Status.PUBLISHED, False)),
        (True, True, False, (Status.PENDING, False)),
        (False, False, False, (Status.DRAFT, True)),
        (False, True, False, (Status.PENDING, True)),
        (True, False, True, (Status.DRAFT, False)),
    ],
)
def test_initial_status(instance_a, confirmed, premoderated, draft, expected):
    author = make_user(instance_a, "author@a.test", confirmed=confirmed)
    status = initial_status(author, None, premoderated=premoderated, draft=draft)
    assert (status.status, status.awaiting_confirmation) == expected
    assert (status.published_at is not None) == (expected[0] == Status.PUBLISHED)


def test_anonymous_participants_wait_like_unconfirmed_accounts():
    assert initial_status(None).fields()["awaiting_confirmation"] is True


def test_the_step_setting_premoderation_applies(scope_a, participant_a, make_step):
    step = make_step(scope_a, settings={"premoderation": True})
    assert initial_status(participant_a, step).status == Status.PENDING


def test_every_contribution_model_is_found():
    assert Comment in contribution_models()


def test_revisions_record_changed_fields_only(scope_a, participant_a, make_step):
    target = AgreeTarget.objects.create(instance=scope_a, step=make_step(scope_a))
    comment = comments.post_comment(target, "Avant", author=participant_a)
    assert record_revision(comment, participant_a, {"body": "Avant"}) is None
    comment.body = "Après"
    revision = record_revision(comment, participant_a, {"body": "Avant", "is_pinned": False})
    assert revision.changes == {"body": {"old": "Avant", "new": "Après"}}
    assert list(history(comment)) == [revision]


def test_confirming_the_email_publishes_comments_and_counts_votes(instance_a, make_step, django_capture_on_commit_callbacks):
    """Through the real confirmation link of the accounts app."""
    newcomer = make_user(instance_a, "new@a.test", confirmed=False)
    step = make_step(instance_a)
    from participe.instances.scoping import in_instance

    with in_instance(instance_a):
        target = AgreeTarget.objects.create(instance=instance_a, step=step)
        waiting = comments.post_comment(target, "Écrit avant confirmation", author=newcomer)
        instance_a.features["comments_premoderation"] = True
        instance_a.save()
        moderated = comments.post_comment(target, "À modérer ensuite", author=newcomer)
        cast_vote(newcomer, target, 1)
    published = []
    contribution_published.connect(lambda sender, contribution, **kw: published.append(contribution.pk), weak=False,
                                   dispatch_uid="test-published")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = host_client("a.test").get(f"/accounts/confirm/{make_email_token(newcomer, newcomer.email)}/")
    finally:
        contribution_published.disconnect(dispatch_uid="test-published")
    assert response.status_code == 302
    statuses = dict(Comment._base_manager.filter(author=newcomer).values_list("pk", "status"))
    assert statuses == {waiting.pk: Status.PUBLISHED, moderated.pk: Status.PENDING}
    assert not Comment._base_manager.filter(awaiting_confirmation=True).exists()
    assert published == [waiting.pk]
    assert AgreeTarget._base_manager.get(pk=target.pk).votes_agree == 1


def test_content_type_of_revisions_points_to_the_model(scope_a, participant_a, make_step):
    target = AgreeTarget.objects.create(instance=scope_a, step=make_step(scope_a))
    comment = comments.post_comment(target, "Avant", author=participant_a)
    comment.body = "Après"
    revision = record_revision(comment, participant_a, {"body": "Avant"})
    assert revision.content_type == ContentType.objects.get_for_model(Comment)
    assert revision.target == comment
