"""The comment settings of a collect step (anonymous comments, pre-moderation): set in the step's settings form,
kept when the form saves, and in effect on the proposals' comments."""

import pytest
from django.contrib.contenttypes.models import ContentType

from participe.comments.models import Comment
from participe.instances.scoping import in_instance
from participe.participation.models import Status
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step

BASE = {"visibility": "public", "vote_type": "none", "rule": "greedy"}


@pytest.fixture
def step(instance_a):
    return make_step(instance_a, premoderation=True, map={"zoom": 12}, source="import")


@pytest.fixture
def proposal(step):
    return make_proposal(step, "Un verger partagé", status="published")


def save_settings(admin, step, **data):
    response = host_client("a.test", admin).post(f"/admin/projects/project/step/{step.pk}/settings/", {**BASE, **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_instance(step.instance):
        step.refresh_from_db()
    return step.settings


def comment_url(target):
    return f"/comments/{ContentType.objects.get_for_model(target).pk}/{target.pk}/"


def test_saving_the_settings_keeps_the_keys_the_form_does_not_show(admin_a, step):
    settings = save_settings(admin_a, step, anonymous_comments="on")
    assert settings["premoderation"] is True and settings["map"] == {"zoom": 12} and settings["source"] == "import"
    assert settings["anonymous_comments"] is True and settings["comments_premoderation"] is False
    form = host_client("a.test", admin_a).get(f"/admin/projects/project/step/{step.pk}/settings/").context["form"]
    assert form.initial["anonymous_comments"] is True
    settings = save_settings(admin_a, step)
    assert settings["anonymous_comments"] is False and settings["premoderation"] is True


def test_anonymous_comments_are_allowed_once_set(client_a, admin_a, step, proposal):
    anonymous = {"name": "Camille", "email": "camille@example.org", "body": "Bravo", "next": "/page/"}
    refused = client_a.post(comment_url(proposal), anonymous)
    assert refused.status_code in (302, 403) and not Comment._base_manager.exists()
    save_settings(admin_a, step, anonymous_comments="on")
    assert client_a.post(comment_url(proposal), anonymous).status_code == 302
    comment = Comment._base_manager.get()
    assert (comment.author, comment.anonymous_name, comment.awaiting_confirmation) == (None, "Camille", True)


def test_premoderated_comments_wait_for_a_moderator(admin_a, participant_a, step, proposal):
    save_settings(admin_a, step, comments_premoderation="on")
    response = host_client("a.test", participant_a).post(comment_url(proposal), {"body": "À relire"})
    assert response.status_code == 302
    assert Comment._base_manager.get().status == Status.PENDING


def test_a_consultation_step_has_the_comment_settings_too(client_a, admin_a, instance_a):
    from tests.consultation.conftest import build_consultation

    built = build_consultation(instance_a)
    step, opinion = built["step"], built["opinions"][0]
    with in_instance(instance_a):
        step.settings = {"premoderation": True}
        step.save()
    anonymous = {"name": "Camille", "email": "camille@example.org", "body": "Bravo", "next": "/page/"}
    assert client_a.post(comment_url(opinion), anonymous).status_code in (302, 403)
    assert not Comment._base_manager.exists()
    response = host_client("a.test", admin_a).post(
        f"/admin/projects/project/step/{step.pk}/settings/", {"anonymous_comments": "on"}
    )
    assert response.status_code == 302
    with in_instance(instance_a):
        step.refresh_from_db()
    assert step.settings == {"premoderation": True, "anonymous_comments": True, "comments_premoderation": False}
    assert client_a.post(comment_url(opinion), anonymous).status_code == 302
    assert Comment._base_manager.get().anonymous_name == "Camille"
