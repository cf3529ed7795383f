"""The vote endpoint through HTTP: role × instance × step state × input, with and without JavaScript."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import RequestFactory

from participe.instances.scoping import in_instance
from participe.votes.models import Vote
from participe.votes.services import cast_vote
from tests.conftest import host_client, make_user
from tests.participation.targets import AgreeTarget, SupportTarget

pytestmark = pytest.mark.usefixtures("participation_test_tables")

JSON = {"HTTP_ACCEPT": "application/json"}


def vote_url(target):
    return f"/votes/{ContentType.objects.get_for_model(target).pk}/{target.pk}/"


def fresh(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


@pytest.fixture
def target(instance_a, make_step):
    step = make_step(instance_a)
    with in_instance(instance_a):
        return AgreeTarget.objects.create(instance=instance_a, step=step)


def test_anonymous_visitors_are_sent_to_log_in_and_back(client_a, target):
    response = client_a.post(vote_url(target), {"value": 1, "next": "/page/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=/page/" in response["Location"]
    assert not Vote._base_manager.exists()
    response = client_a.post(vote_url(target), {"value": 1, "next": "/page/"}, **JSON)
    assert response.status_code == 401 and "next=/page/" in response.json()["login_url"]


def test_a_participant_votes_without_javascript(participant_a, target):
    client = host_client("a.test", participant_a)
    response = client.post(vote_url(target), {"value": "1", "next": "/page/"}, follow=False)
    assert response.status_code == 302 and response["Location"] == "/page/"
    page = client.get("/", follow=True)
    assert "Your vote is recorded." in page.content.decode() or "vote est enregistré" in page.content.decode()
    assert fresh(target).votes_agree == 1


def test_a_participant_votes_with_javascript(participant_a, target):
    client = host_client("a.test", participant_a)
    response = client.post(vote_url(target), {"value": "-1", "next": "/page/"}, **JSON)
    assert response.status_code == 200
    payload = response.json()
    assert payload["value"] == -1
    assert payload["counts"] == {"votes_total": 1, "votes_agree": 0, "votes_mitigated": 0, "votes_disagree": 1}
    assert 'aria-pressed="true"' in payload["html"]

    response = client.post(vote_url(target), {"withdraw": "1"}, **JSON)
    assert response.json()["value"] is None
    assert response.json()["counts"]["votes_total"] == 0


def test_unsafe_next_urls_are_ignored(participant_a, target):
    client = host_client("a.test", participant_a)
    response = client.post(vote_url(target), {"value": "1", "next": "https://evil.example/"})
    assert response["Location"] == target.get_absolute_url()


def test_a_target_of_another_instance_is_not_found(participant_a, instance_b):
    with in_instance(instance_b):
        foreign = AgreeTarget.objects.create(instance=instance_b)
    client = host_client("a.test", participant_a)
    assert client.post(vote_url(foreign), {"value": "1"}).status_code == 404
    assert client.post(vote_url(foreign), {"value": "1"}, **JSON).status_code == 404
    assert fresh(foreign).votes_total == 0


def test_objects_not_declared_votable_are_not_found(participant_a):
    client = host_client("a.test", participant_a)
    user_type = ContentType.objects.get_for_model(participant_a)
    assert client.post(f"/votes/{user_type.pk}/{participant_a.pk}/", {"value": "1"}).status_code == 404
    assert client.post("/votes/999999/1/", {"value": "1"}).status_code == 404


@pytest.mark.parametrize("state", ["future", "closed"])
def test_steps_not_open_refuse_votes_and_freeze_results(participant_a, instance_a, make_step, state):
    step = make_step(instance_a, state)
    with in_instance(instance_a):
        target = AgreeTarget.objects.create(instance=instance_a, step=step)
    client = host_client("a.test", participant_a)
    response = client.post(vote_url(target), {"value": "1"})
    assert response.status_code == 403
    assert "results are frozen" in response.content.decode() or "résultats sont figés" in response.content.decode()
    assert client.post(vote_url(target), {"value": "1"}, **JSON).status_code == 403
    assert fresh(target).votes_total == 0


@pytest.mark.parametrize("value", ["2", "", "abc", "1.5"])
def test_values_outside_the_kind_are_a_clear_400(participant_a, target, value):
    client = host_client("a.test", participant_a)
    response = client.post(vote_url(target), {"value": value})
    assert response.status_code == 400
    assert client.post(vote_url(target), {"value": value}, **JSON).json()["error"]
    assert not Vote._base_manager.exists()


def test_banned_participants_cannot_vote(instance_a, target):
    banned = make_user(instance_a, "banned@a.test", is_banned=True)
    response = host_client("a.test", banned).post(vote_url(target), {"value": "1"})
    assert response.status_code in (302, 403)  # banned accounts are logged out, or refused
    assert "/accounts/login/" in response.get("Location", "/accounts/login/")
    assert fresh(target).votes_total == 0


def test_an_account_of_another_instance_is_anonymous_here(participant_b, target):
    response = host_client("a.test", participant_b).post(vote_url(target), {"value": "1"})
    assert response.status_code in (302, 403)
    assert fresh(target).votes_total == 0


def test_csrf_is_enforced(participant_a, target):
    from django.test import Client

    client = Client(HTTP_HOST="a.test", enforce_csrf_checks=True)
    client.force_login(participant_a, backend="participe.accounts.backends.InstanceEmailBackend")
    assert client.post(vote_url(target), {"value": "1"}).status_code == 403
    assert fresh(target).votes_total == 0


def test_the_widget_sent_back_to_javascript_carries_a_token_the_next_vote_is_accepted_with(participant_a, target):
    import re

    from django.test import Client

    client = Client(HTTP_HOST="a.test", enforce_csrf_checks=True)
    client.force_login(participant_a, backend="participe.accounts.backends.InstanceEmailBackend")
    page_token = client.get(target.get_absolute_url()).context["csrf_token"]
    first = client.post(vote_url(target), {"value": "1", "csrfmiddlewaretoken": str(page_token)}, **JSON)
    assert first.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', first.json()["html"]).group(1)
    second = client.post(vote_url(target), {"value": "-1", "csrfmiddlewaretoken": token}, **JSON)
    assert second.status_code == 200 and second.json()["value"] == -1
    assert fresh(target).votes_disagree == 1


def test_get_is_not_allowed(participant_a, target):
    assert host_client("a.test", participant_a).get(vote_url(target)).status_code == 405


def test_votes_are_rate_limited(settings, participant_a, target):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "vote": "3/h"}
    client = host_client("a.test", participant_a)
    statuses = [client.post(vote_url(target), {"value": str(v)}).status_code for v in (1, 0, -1, 1)]
    assert statuses == [302, 302, 302, 429]


def test_an_idempotency_key_replays_instead_of_writing_twice(participant_a, target):
    client = host_client("a.test", participant_a)
    client.post(vote_url(target), {"value": "1", "idempotency_key": "k1"})
    client.post(vote_url(target), {"withdraw": "1", "idempotency_key": "k2"})
    # The same form sent again (a double click, a resent page) writes nothing…
    response = client.post(vote_url(target), {"value": "1", "idempotency_key": "k1"}, **JSON)
    assert response.status_code == 200
    assert response.json()["value"] is None
    assert fresh(target).votes_total == 0
    # …while another choice from that form is a new action.
    response = client.post(vote_url(target), {"value": "-1", "idempotency_key": "k1"}, **JSON)
    assert response.json()["value"] == -1


def test_missing_step_requirements_send_to_the_requirements_page(participant_a, instance_a, make_step):
    step = make_step(instance_a, requirements=["zip_code"])
    with in_instance(instance_a):
        target = AgreeTarget.objects.create(instance=instance_a, step=step)
    client = host_client("a.test", participant_a)
    response = client.post(vote_url(target), {"value": "1", "next": "/page/"})
    assert response.status_code == 302
    assert "/requirements/" in response["Location"]
    assert client.post(vote_url(target), {"value": "1"}, **JSON).json()["requirements_url"]
    assert fresh(target).votes_total == 0


def test_unconfirmed_accounts_are_told_their_vote_counts_later(instance_a, target):
    newcomer = make_user(instance_a, "new@a.test", confirmed=False)
    response = host_client("a.test", newcomer).post(vote_url(target), {"value": "1"}, **JSON)
    assert "confirm" in response.json()["message"]
    assert fresh(target).votes_total == 0


def render_widget(user, obj):
    request = RequestFactory().get("/page/", HTTP_HOST="a.test")
    request.user = user
    return Template("{% load votes %}{% vote_widget obj %}").render(Context({"request": request, "obj": obj}))


def test_the_widget_is_an_accessible_form(scope_a, participant_a, target):
    cast_vote(participant_a, target, 0)
    html = render_widget(participant_a, fresh(target))
    assert f'action="{vote_url(target)}"' in html
    assert html.count('aria-pressed="false"') == 2 and html.count('aria-pressed="true"') == 1
    assert 'name="withdraw"' in html  # pressing the current choice again withdraws it
    assert "<legend" in html and "vote-split__text" in html  # the split bar has a text equivalent
    assert "votes/votes.js" in html and "<script>" not in html


def test_the_widget_of_a_closed_step_is_disabled(scope_a, participant_a, make_step):
    target = SupportTarget.objects.create(instance=scope_a, step=make_step(scope_a, "closed"))
    html = render_widget(participant_a, target)
    assert "disabled" in html


def test_a_vote_costs_a_constant_handful_of_statements(participant_a, target, django_assert_max_num_queries):
    """Session, account, target with its step and project, then insert, participant and counters."""
    client, url = host_client("a.test", participant_a), vote_url(target)
    client.get("/")
    with django_assert_max_num_queries(10):
        assert client.post(url, {"value": "1"}).status_code == 302
    with django_assert_max_num_queries(11):  # + the current vote, read then locked, and its update
        assert client.post(url, {"value": "-1"}).status_code == 302
    counted = fresh(target)
    assert (counted.votes_total, counted.votes_agree, counted.votes_disagree) == (1, 0, 1)
    assert fresh(target.step.project).participants_count == 1
