"""Following projects and steps: plain forms, per instance, levels, and the signed 'stop following' link."""

import pytest
from django.contrib.contenttypes.models import ContentType

from participe.follows.links import unfollow_token
from participe.follows.models import Follow, Level
from participe.follows.services import follow, followers_of
from participe.projects.models import Project, Step
from tests.conftest import host_client, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_a(scope_a):
    return Project.objects.create(title="Budget participatif", slug="budget", is_published=True)


@pytest.fixture
def project_b(instance_b):
    from participe.instances.scoping import in_instance

    with in_instance(instance_b):
        return Project.objects.create(title="Projet B", slug="projet-b", is_published=True)


def ct(model):
    return ContentType.objects.get_for_model(model).pk


def test_follow_and_change_level_by_plain_form(participant_a, project_a):
    client = host_client("a.test", participant_a)
    url = f"/follows/{ct(Project)}/{project_a.pk}/"
    response = client.post(url, {"level": "all", "next": "/somewhere/"})
    assert response.status_code == 302 and response["Location"] == "/somewhere/"
    response = client.post(url, {"level": "essential"})  # a second click changes the level, no duplicate
    assert Follow.objects.filter(user=participant_a).count() == 1
    assert Follow.objects.get(user=participant_a).level == Level.ESSENTIAL


def test_open_redirect_refused(participant_a, project_a):
    client = host_client("a.test", participant_a)
    response = client.post(f"/follows/{ct(Project)}/{project_a.pk}/", {"next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response["Location"]


def test_bad_level_falls_back_to_essential(participant_a, project_a):
    client = host_client("a.test", participant_a)
    client.post(f"/follows/{ct(Project)}/{project_a.pk}/", {"level": "everything!"})
    assert Follow.objects.get(user=participant_a).level == Level.ESSENTIAL


def test_get_and_anonymous_are_refused(client_a, participant_a, project_a):
    url = f"/follows/{ct(Project)}/{project_a.pk}/"
    assert client_a.post(url).status_code == 302  # to the login page
    assert host_client("a.test", participant_a).get(url).status_code == 405
    assert not Follow.objects.exists()


def test_object_of_another_instance_is_404(participant_a, project_b, scope_a):
    response = host_client("a.test", participant_a).post(f"/follows/{ct(Project)}/{project_b.pk}/")
    assert response.status_code == 404


def test_unpublished_project_cannot_be_followed(participant_a, scope_a):
    hidden = Project.objects.create(title="Brouillon", slug="brouillon", is_published=False)
    response = host_client("a.test", participant_a).post(f"/follows/{ct(Project)}/{hidden.pk}/")
    assert response.status_code == 404


def test_model_not_declared_followable_is_404(participant_a, scope_a):
    response = host_client("a.test", participant_a).post(f"/follows/{ct(Follow)}/1/")
    assert response.status_code == 404
    response = host_client("a.test", participant_a).post("/follows/999999/1/")
    assert response.status_code == 404


def test_unfollow(participant_a, project_a):
    follow(participant_a, project_a)
    response = host_client("a.test", participant_a).post(f"/follows/{ct(Project)}/{project_a.pk}/unfollow/")
    assert response.status_code == 302
    assert not Follow.objects.exists()


def test_followers_by_level(instance_a, participant_a, project_a):
    everything = make_user(instance_a, "all@a.test")
    gone = make_user(instance_a, "gone@a.test", is_active=False)
    follow(participant_a, project_a, Level.ESSENTIAL)
    follow(everything, project_a, Level.ALL)
    follow(gone, project_a, Level.ALL)
    assert set(followers_of(project_a, Level.ESSENTIAL)) == {participant_a, everything}
    assert list(followers_of(project_a, Level.ALL)) == [everything]


def test_step_is_followable_too(participant_a, project_a):
    step = Step.objects.create(project=project_a, type="presentation", title="Étape", slug="etape")
    response = host_client("a.test", participant_a).post(f"/follows/{ct(Step)}/{step.pk}/")
    assert response.status_code == 302
    assert Follow.objects.get().target == step


def test_stop_link_asks_on_get_and_acts_on_post_without_login(client_a, participant_a, project_a):
    follow(participant_a, project_a)
    url = f"/follows/stop/{unfollow_token(participant_a, ct(Project), project_a.pk)}/"
    response = client_a.get(url)
    assert response.status_code == 200 and Follow.objects.exists()  # a link scanner changes nothing
    response = client_a.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Follow.objects.exists()


def test_stop_link_tampered_or_other_instance(client_a, client_b, participant_a, project_a):
    follow(participant_a, project_a)
    token = unfollow_token(participant_a, ct(Project), project_a.pk)
    assert client_a.post(f"/follows/stop/{token[:-2]}xx/").status_code == 400
    assert client_b.post(f"/follows/stop/{token}/").status_code == 400
    assert Follow.objects.exists()


def test_follow_button_renders_a_form(participant_a, project_a, rf):
    from django.template import Context, Template

    request = rf.get("/projets/budget/", HTTP_HOST="a.test")
    request.user = participant_a
    request.instance = project_a.instance
    html = Template("{% load follows %}{% follow_button obj %}").render(Context({"request": request, "obj": project_a}))
    assert f'action="/follows/{ct(Project)}/{project_a.pk}/"' in html and "<select" in html
    follow(participant_a, project_a)
    html = Template("{% load follows %}{% follow_button obj %}").render(Context({"request": request, "obj": project_a}))
    assert "unfollow" in html


def test_my_follows_page(participant_a, project_a, django_assert_max_num_queries):
    follow(participant_a, project_a)
    client = host_client("a.test", participant_a)
    with django_assert_max_num_queries(12):
        response = client.get("/follows/")
    assert response.status_code == 200
    assert "Budget participatif" in response.content.decode()


def test_district_is_followable(participant_a, scope_a):
    from participe.site.models import District

    district = District.objects.create(name="Centre", slug="centre")
    response = host_client("a.test", participant_a).post(f"/follows/{ct(District)}/{district.pk}/")
    assert response.status_code == 302
    assert Follow.objects.get().target == district
