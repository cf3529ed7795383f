import pytest

from participe.instances.scoping import in_instance
from participe.projects.models import Project
from tests.conftest import host_client, make_user


def test_anonymous_visitors_are_sent_to_the_login_page(instance_a):
    response = host_client("a.test").get("/gestion/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/gestion/")


def test_participants_get_a_403(participant_a):
    response = host_client("a.test", participant_a).get("/gestion/")
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["is_instance_admin", "is_moderator", "is_analyst"])
def test_staff_open_the_dashboard(instance_a, role):
    user = make_user(instance_a, "staff@a.test", **{role: True})
    assert host_client("a.test", user).get("/gestion/").status_code == 200


def test_a_project_administrator_opens_the_dashboard(instance_a, participant_a):
    with in_instance(instance_a):
        project = Project.objects.create(title="Mon projet", slug="mon-projet")
        project.administrators.add(participant_a)
    assert host_client("a.test", participant_a).get("/gestion/").status_code == 200


def test_the_navigation_lists_only_the_sections_the_user_may_open(instance_a, admin_a, moderator_a):
    admin_page = host_client("a.test", admin_a).get("/gestion/").content.decode()
    assert 'href="/gestion/projects/"' in admin_page and 'href="/gestion/moderation/"' in admin_page
    moderator_page = host_client("a.test", moderator_a).get("/gestion/").content.decode()
    assert 'href="/gestion/projects/"' not in moderator_page and 'href="/gestion/moderation/"' in moderator_page


def test_the_header_link_leads_to_gestion(admin_a):
    page = host_client("a.test", admin_a).get("/").content.decode()
    assert 'href="/gestion/"' in page


def test_instance_admins_opening_the_django_admin_are_sent_to_gestion(admin_a, instance_a):
    assert host_client("a.test", admin_a).get("/admin/")["Location"] == "/gestion/"
    root = make_user(instance_a, "root@a.test", is_superuser=True)
    assert host_client("a.test", root).get("/admin/").status_code == 200


def test_an_admin_of_b_is_nobody_on_a(admin_b, instance_a):
    client = host_client("b.test", admin_b)
    response = client.get("/gestion/", HTTP_HOST="a.test")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_back_office_speaks_french_first(instance_a, admin_a):
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "fr"
    page = client.get("/gestion/").content.decode()
    assert "Tableau de bord" in page and "Ce qui m'attend" in page
    # The back office's words never change those of the modules (same English words, other French ones).
    from django.utils import translation

    with translation.override("fr"):
        assert translation.gettext("Published") == "Publiée"
