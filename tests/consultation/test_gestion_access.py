"""Who may open the consultation's back office: the project's managers only, never another instance's staff."""

import pytest

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Amendment, Debate
from participe.projects.models import Project, Step
from tests.conftest import host_client, make_user
from tests.consultation.conftest import build_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(instance_a, admin_a, participant_a):
    data = build_consultation(instance_a, "open", author=admin_a)
    with in_instance(instance_a):
        article = data["opinions"][0]
        amendment = Amendment.objects.create(step=data["step"], opinion=article, author=participant_a, title="Deux",
                                             body="<p>Deux langues.</p>", explanation="Plus.")
        debate_step = Step.objects.create(project=data["project"], type="debate", title="Débat", slug="debat")
        debate = Debate.objects.create(step=debate_step, question="Pour ou contre ?", statement_for="<p>Pour</p>",
                                       statement_against="<p>Contre</p>")
    c, s, a = data["consultation"].pk, data["section"].pk, article.pk
    return {
        "get": [f"/gestion/consultation/{c}/", f"/gestion/consultation/{c}/edit/", f"/gestion/consultation/{c}/sections/add/",
                f"/gestion/consultation/{c}/participation/", f"/gestion/consultation/{c}/import/",
                f"/gestion/consultation/{c}/answers/", f"/gestion/consultation/{c}/final/",
                f"/gestion/consultation/sections/{s}/", f"/gestion/consultation/sections/{s}/delete/",
                f"/gestion/consultation/sections/{s}/articles/add/", f"/gestion/consultation/articles/{a}/",
                f"/gestion/consultation/articles/{a}/delete/", f"/gestion/consultation/opinions/{a}/answer/",
                f"/gestion/consultation/amendments/{amendment.pk}/answer/", f"/gestion/consultation/debates/{debate.pk}/"],
        "post": [f"/gestion/consultation/sections/{s}/move/", f"/gestion/consultation/articles/{a}/move/",
                 f"/gestion/consultation/amendments/{amendment.pk}/decide/", f"/gestion/consultation/{c}/import/confirm/"],
        "data": data,
    }


def test_the_instance_administrator_opens_every_page(world, admin_a):
    client = host_client("a.test", admin_a)
    for url in world["get"]:
        assert client.get(url).status_code == 200, url


def test_a_project_administrator_opens_the_pages_of_their_project(world, instance_a):
    manager = make_user(instance_a, "manager@a.test")
    with in_instance(instance_a):
        world["data"]["project"].administrators.add(manager)
    client = host_client("a.test", manager)
    for url in world["get"]:
        assert client.get(url).status_code == 200, url


def test_participants_get_a_403(world, participant_a):
    client = host_client("a.test", participant_a)
    for url in world["get"]:
        assert client.get(url).status_code == 403, url
    for url in world["post"]:
        assert client.post(url, {"direction": "up"}).status_code == 403, url


def test_the_manager_of_another_project_gets_a_404(world, instance_a):
    other = make_user(instance_a, "other@a.test")
    with in_instance(instance_a):
        Project.objects.create(title="Autre", slug="autre").administrators.add(other)
    client = host_client("a.test", other)
    for url in world["get"]:
        assert client.get(url).status_code == 404, url
    for url in world["post"]:
        assert client.post(url, {"direction": "up"}).status_code == 404, url


def test_another_instance_administrator_gets_a_404(world, admin_b):
    client = host_client("b.test", admin_b)
    for url in world["get"]:
        assert client.get(url).status_code == 404, url
    for url in world["post"]:
        assert client.post(url, {"direction": "up"}).status_code == 404, url


def test_anonymous_visitors_are_sent_to_the_login_page(world):
    client = host_client("a.test")
    for url in world["get"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_each_page_asks_for_a_step_of_its_own_type(world, admin_a, instance_a):
    """A debate row hung on a consultation step is not served by the debate editor (the step's type decides)."""
    with in_instance(instance_a):
        stray = Debate.objects.create(step=world["data"]["step"], question="?", statement_for="a", statement_against="b")
    client = host_client("a.test", admin_a)
    assert client.get(f"/gestion/consultation/debates/{stray.pk}/").status_code == 404
    assert client.get("/gestion/consultation/999999/").status_code == 404


def test_the_step_page_lists_the_editors(world, admin_a):
    client = host_client("a.test", admin_a)
    page = client.get(f"/gestion/steps/{world['data']['step'].pk}/").content.decode()
    consultation = world["data"]["consultation"].pk
    for url in (f"/gestion/consultation/{consultation}/", f"/gestion/consultation/{consultation}/participation/",
                f"/gestion/consultation/{consultation}/answers/", f"/gestion/consultation/{consultation}/final/"):
        assert f'href="{url}"' in page
