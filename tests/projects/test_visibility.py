"""Who sees which project, in lists and by direct URL: visibility × role × instance."""

import pytest

from participe.accounts.models import ParticipantGroup
from participe.instances.scoping import in_instance
from participe.projects.models import Visibility
from tests.conftest import host_client, make_user
from tests.projects.conftest import make_project

PROJECTS = {
    "public": {"visibility": Visibility.PUBLIC},
    "unlisted": {"visibility": Visibility.UNLISTED},
    "restricted": {"visibility": Visibility.RESTRICTED},
    "admins-only": {"visibility": Visibility.ADMINS},
    "draft": {"visibility": Visibility.PUBLIC, "is_published": False},
}

# role -> (projects in the list, projects reachable by their URL)
EXPECTED = {
    "anonymous": ({"public"}, {"public", "unlisted"}),
    "participant": ({"public"}, {"public", "unlisted"}),
    "group member": ({"public", "restricted"}, {"public", "unlisted", "restricted"}),
    "project admin": ({"public", "restricted", "admins-only", "draft"}, set(PROJECTS)),
    "instance admin": (set(PROJECTS), set(PROJECTS)),
}


@pytest.fixture
def world(instance_a, instance_b):
    with in_instance(instance_a):
        group = ParticipantGroup.objects.create(instance=instance_a, name="Conseil citoyen")
    member = make_user(instance_a, "member@a.test")
    group.members.add(member)
    project_admin = make_user(instance_a, "padmin@a.test")
    for slug, fields in PROJECTS.items():
        make_project(
            instance_a,
            slug,
            title=f"Projet {slug}",
            steps=[{"slug": "intro"}],
            administrators=[project_admin],
            groups=[group],
            **fields,
        )
    return {
        "anonymous": None,
        "participant": make_user(instance_a, "someone@a.test"),
        "group member": member,
        "project admin": project_admin,
        "instance admin": make_user(instance_a, "boss@a.test", is_instance_admin=True),
    }


@pytest.mark.parametrize("role", list(EXPECTED))
def test_list_and_direct_urls_per_role(world, role):
    listed, reachable = EXPECTED[role]
    client = host_client("a.test", world[role])
    page = client.get("/projects/").content.decode()
    for slug in PROJECTS:
        assert (f"Projet {slug}" in page) == (slug in listed), f"{role} / {slug} in the list"
        status = client.get(f"/projects/{slug}/").status_code
        assert status == (200 if slug in reachable else 404), f"{role} / {slug} by URL"
        step_status = client.get(f"/projects/{slug}/intro/").status_code
        assert step_status == (200 if slug in reachable else 404), f"{role} / {slug} step by URL"


def test_another_instance_sees_nothing_of_them(world, admin_b, participant_b):
    for user in (admin_b, participant_b, None):
        client = host_client("b.test", user)
        page = client.get("/projects/").content.decode()
        for slug in PROJECTS:
            assert f"Projet {slug}" not in page
            assert client.get(f"/projects/{slug}/").status_code == 404


def test_an_account_of_another_instance_is_a_stranger_here(world, admin_b):
    client = host_client("a.test", admin_b)
    assert client.get("/projects/restricted/").status_code == 404
    assert client.get("/projects/draft/").status_code == 404


def test_drafts_are_previewed_with_a_banner(world):
    response = host_client("a.test", world["project admin"]).get("/projects/draft/")
    assert "preview-banner" in response.content.decode()
    public = host_client("a.test", world["project admin"]).get("/projects/public/")
    assert "preview-banner" not in public.content.decode()


def test_non_public_pages_ask_search_engines_not_to_index_them(world):
    client = host_client("a.test", world["instance admin"])
    assert 'name="robots" content="noindex"' in client.get("/projects/unlisted/").content.decode()
    assert 'name="robots" content="noindex"' not in client.get("/projects/public/").content.decode()


def test_archived_projects_leave_the_list_for_the_archive(instance_a, client_a):
    make_project(instance_a, "old", title="Projet ancien", is_archived=True)
    make_project(instance_a, "new", title="Projet actuel")
    current = client_a.get("/projects/").content.decode()
    archive = client_a.get("/projects/?archive=1").content.decode()
    assert "Projet actuel" in current and "Projet ancien" not in current
    assert "Projet ancien" in archive and "Projet actuel" not in archive
    assert client_a.get("/projects/old/").status_code == 200
