"""Participation requirements are asked in place, then the participant continues where they were."""

from urllib.parse import quote

import pytest
from django.http import HttpResponse

from participe.accounts.models import ParticipantGroup, User
from participe.instances.scoping import in_instance
from participe.projects.models import ParticipantIdentity, Step, StepConsent
from participe.projects.registry import StepState, StepType, step_types
from participe.projects.requirements import missing_requirements, pending_post, require_step_requirements
from tests.conftest import host_client, make_user
from tests.projects.conftest import make_project

CHARTER = "J'accepte la charte du budget participatif."


def idea_box(request, step):
    """A test module's view: it checks requirements before acting, as real modules do."""
    redirect = require_step_requirements(request, step)
    if redirect is not None:
        return redirect
    kept = pending_post(request)
    if request.method == "POST":
        return HttpResponse(f"posted:{request.POST['idea']}")
    return HttpResponse(f"form:{kept['idea'] if kept else ''}")


@pytest.fixture
def idea_step(instance_a):
    step_types.register(StepType(key="test_ideas", label="Ideas", view=f"{__name__}.idea_box", actions={"post": {StepState.OPEN}}))
    make_project(
        instance_a,
        "budget",
        steps=[
            {
                "type": "test_ideas",
                "slug": "ideas",
                "requirements": [
                    {"kind": "zip_code", "allowed": ["97300", "97354"]},
                    {"kind": "consent", "key": "charter", "text": CHARTER},
                    "last_name",
                ],
            }
        ],
    )
    with in_instance(instance_a):
        yield Step.objects.get(slug="ideas")
    step_types.unregister("test_ideas")


def test_missing_zip_code_is_asked_saved_and_the_participant_sent_back(idea_step, participant_a):
    client = host_client("a.test", participant_a)
    client.cookies["django_language"] = "en"
    response = client.get("/projects/budget/ideas/?sort=new")
    assert response.status_code == 302
    ask_url = response["Location"]
    assert ask_url == "/projects/budget/ideas/requirements/?next=" + quote("/projects/budget/ideas/?sort=new", safe="")

    page = client.get(ask_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="zip_code_0"' in html and 'name="consent_1"' in html and 'name="last_name_2"' in html
    assert CHARTER.replace("'", "&#x27;") in html

    # A zip code outside the list: a clear error, what was typed is kept, nothing saved.
    wrong = client.post(ask_url, {"zip_code_0": "75001", "consent_1": "on", "last_name_2": "Dupont"})
    assert wrong.status_code == 400
    wrong_html = wrong.content.decode()
    assert "open to the following zip codes only: 97300, 97354" in wrong_html
    assert 'value="Dupont"' in wrong_html and 'value="75001"' in wrong_html
    participant_a.refresh_from_db()
    assert participant_a.zip_code == ""

    done = client.post(ask_url, {"zip_code_0": "97354", "consent_1": "on", "last_name_2": "Dupont"})
    assert done.status_code == 302
    assert done["Location"] == "/projects/budget/ideas/?sort=new"
    with in_instance(participant_a.instance):
        user = User.objects.get(pk=participant_a.pk)
        assert user.zip_code == "97354"
        assert ParticipantIdentity.objects.get(user=user).last_name == "Dupont"
        consent = StepConsent.objects.get(user=user, step=idea_step)
        assert (consent.key, consent.text) == ("charter", CHARTER)
        assert missing_requirements(user, idea_step) == []
    assert client.get("/projects/budget/ideas/?sort=new").content == b"form:"


def test_a_form_posted_before_the_requirements_is_given_back(idea_step, participant_a):
    client = host_client("a.test", participant_a)
    response = client.post("/projects/budget/ideas/", {"idea": "Des bancs à l'ombre"})
    assert response.status_code == 302
    client.post(response["Location"], {"zip_code_0": "97300", "consent_1": "on", "last_name_2": "Lin"})
    assert client.get("/projects/budget/ideas/").content.decode() == "form:Des bancs à l'ombre"
    # Given back once only.
    assert client.get("/projects/budget/ideas/").content == b"form:"


def test_a_missing_consent_is_refused_with_a_message(idea_step, participant_a):
    client = host_client("a.test", participant_a)
    client.cookies["django_language"] = "en"
    response = client.post(
        "/projects/budget/ideas/requirements/", {"zip_code_0": "97300", "last_name_2": "Lin", "next": "/projects/"}
    )
    assert response.status_code == 400
    assert "Tick this box to take part in this step." in response.content.decode()
    with in_instance(participant_a.instance):
        assert not StepConsent.objects.exists()


def test_a_changed_consent_text_is_asked_again(idea_step, participant_a):
    with in_instance(participant_a.instance):
        StepConsent.objects.create(user=participant_a, step=idea_step, key="charter", text="An older wording")
        participant_a.zip_code = "97300"
        participant_a.save()
        ParticipantIdentity.objects.create(user=participant_a, last_name="Lin")
        assert [item.kind.name for item in missing_requirements(participant_a, idea_step)] == ["consent"]


def test_anonymous_visitors_log_in_first_and_come_back(idea_step, client_a):
    response = client_a.get("/projects/budget/ideas/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=" + quote("/projects/budget/ideas/", safe="")
    assert client_a.get("/projects/budget/ideas/requirements/").status_code == 302


def test_next_never_leaves_the_site(idea_step, participant_a):
    client = host_client("a.test", participant_a)
    response = client.post(
        "/projects/budget/ideas/requirements/?next=https://evil.test/",
        {"zip_code_0": "97300", "consent_1": "on", "last_name_2": "Lin"},
    )
    assert response["Location"] == "/projects/budget/ideas/"


def test_an_unconfirmed_email_cannot_be_filled_in_but_can_be_sent_again(instance_a):
    make_project(instance_a, "charte", steps=[{"slug": "avis", "requirements": ["confirmed_email"]}])
    user = make_user(instance_a, "new@a.test", confirmed=False)
    client = host_client("a.test", user)
    client.cookies["django_language"] = "en"
    html = client.get("/projects/charte/avis/requirements/").content.decode()
    assert "A confirmed e-mail address" in html
    assert 'action="/accounts/confirm-again/"' in html
    assert "Save and continue" not in html


def test_group_membership_and_minimum_age(instance_a):
    with in_instance(instance_a):
        group = ParticipantGroup.objects.create(instance=instance_a, name="Jury citoyen")
    make_project(
        instance_a,
        "jury",
        steps=[{"slug": "vote", "requirements": [{"kind": "group", "group": group.pk}, {"kind": "date_of_birth", "min_age": 16}]}],
    )
    young = make_user(instance_a, "young@a.test")
    client = host_client("a.test", young)
    client.cookies["django_language"] = "en"
    url = "/projects/jury/vote/requirements/"
    html = client.get(url).content.decode()
    assert "Belonging to the group “Jury citoyen”" in html
    from django.utils import timezone

    this_year = timezone.localdate().year
    too_young = client.post(url, {"date_of_birth_1": f"{this_year - 10}-01-01"})
    assert too_young.status_code == 400
    assert "open to people aged 16 or over" in too_young.content.decode()
    in_future = client.post(url, {"date_of_birth_1": f"{this_year + 1}-01-01"})
    assert "Enter your real date of birth." in in_future.content.decode()
    client.post(url, {"date_of_birth_1": f"{this_year - 30}-01-01"})
    with in_instance(instance_a):
        step = Step.objects.get(slug="vote")
        user = User.objects.get(pk=young.pk)
        assert [item.kind.name for item in missing_requirements(user, step)] == ["group"]
        group.members.add(user)
        assert missing_requirements(user, step) == []


def test_requirements_of_a_hidden_project_are_not_found(instance_a, participant_a):
    from participe.projects.models import Visibility

    make_project(instance_a, "secret", visibility=Visibility.ADMINS, steps=[{"slug": "s", "requirements": ["zip_code"]}])
    assert host_client("a.test", participant_a).get("/projects/secret/s/requirements/").status_code == 404
