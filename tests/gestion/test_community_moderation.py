"""The moderation queue in /gestion/: moderators and administrators only, old /moderation/ links redirect."""

import pytest

from participe.instances.scoping import in_instance
from participe.moderation import services
from participe.moderation.models import ModerationCase
from participe.modules.proposals.models import Proposal
from participe.participation.models import Status
from participe.projects.models import Step
from tests.conftest import host_client, make_user
from tests.moderation.conftest import comment_on_new_project
from tests.proposals.conftest import make_proposal, make_step


@pytest.fixture
def case_a(instance_a, participant_a):
    with in_instance(instance_a):
        comment = comment_on_new_project(participant_a, "parc", "Des propos déplacés.")
        services.report(make_user(instance_a, "reporter@a.test"), comment, "offensive")
        return ModerationCase.objects.get()


def test_the_navigation_of_a_moderator_shows_moderation_only(case_a, moderator_a):
    page = host_client("a.test", moderator_a).get("/gestion/moderation/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'href="/gestion/moderation/"' in body
    for hidden in ("/gestion/contributions/", "/gestion/participants/", "/gestion/exports/", "/gestion/log/"):
        assert f'href="{hidden}"' not in body
        assert host_client("a.test", moderator_a).get(hidden).status_code == 403


def test_old_moderation_urls_redirect_into_the_back_office(case_a, moderator_a, participant_a, admin_b):
    client = host_client("a.test", moderator_a)
    queue = client.get("/moderation/", {"status": "open"})
    assert queue.status_code == 301 and queue["Location"] == "/gestion/moderation/?status=open"
    case = client.get(f"/moderation/{case_a.pk}/")
    assert case.status_code == 301 and case["Location"] == f"/gestion/moderation/{case_a.pk}/"
    decide = client.post(f"/moderation/{case_a.pk}/hide/", {"reason": "x"})
    assert decide.status_code == 307 and decide["Location"] == f"/gestion/moderation/{case_a.pk}/hide/"
    # Who may not moderate is still refused before any redirect; another instance's case is not found.
    assert host_client("a.test", participant_a).get("/moderation/").status_code == 403
    assert host_client("a.test", participant_a).get(f"/moderation/{case_a.pk}/").status_code == 403


def test_hiding_from_the_queue_vanishes_for_visitors_at_once(instance_a, participant_a, moderator_a, client_a):
    step = make_step(instance_a)
    with in_instance(instance_a):
        Step.objects.filter(pk=step.pk).update(is_enabled=True)
    proposal = make_proposal(step, title="Une idée déplacée", author=participant_a, body="<p>Texte insultant</p>")
    with in_instance(instance_a):
        services.report(make_user(instance_a, "reporter@a.test"), proposal, "offensive")
        case = ModerationCase.objects.get()
    url = proposal.get_absolute_url()
    client_a.get(url)  # the anonymous page is now in the shared page cache
    assert "Texte insultant" in client_a.get(url).content.decode()
    response = host_client("a.test", moderator_a).post(f"/gestion/moderation/{case.pk}/hide/", {"reason": "Propos insultants"})
    assert response.status_code == 302 and response["Location"] == "/gestion/moderation/"
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=proposal.pk).status == Status.HIDDEN
    page = client_a.get(url).content.decode()
    assert "Texte insultant" not in page and "Propos insultants" in page


def test_another_instance_cannot_open_the_case(case_a, admin_b, instance_b):
    client = host_client("b.test", admin_b)
    assert client.get(f"/gestion/moderation/{case_a.pk}/").status_code == 404
    assert client.post(f"/gestion/moderation/{case_a.pk}/approve/").status_code == 404
