"""The project list and the project page cost the same number of queries for 3 or 300 rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.projects.models import Project, Step
from participe.site.models import District, Theme
from tests.conftest import host_client


def _fill(instance, projects, steps_per_project):
    now = timezone.now()
    with in_instance(instance):
        theme = Theme.objects.create(instance=instance, name="Mobilité", slug="mobilite")
        district = District.objects.create(instance=instance, name="Centre", slug="centre")
        rows = Project.objects.bulk_create(
            Project(instance=instance, title=f"Projet {n}", slug=f"projet-{n}", is_published=True, published_at=now)
            for n in range(projects)
        )
        Step.objects.bulk_create(
            Step(
                instance=instance,
                project=project,
                type="presentation" if n % 2 else "other",
                title=f"Étape {n}",
                slug=f"etape-{n}",
                position=n,
                starts_at=now + timedelta(days=n - 2),
                ends_at=now + timedelta(days=n - 1),
            )
            for project in rows
            for n in range(steps_per_project)
        )
        Project.themes.through.objects.bulk_create(Project.themes.through(project=p, theme=theme) for p in rows)
        Project.districts.through.objects.bulk_create(
            Project.districts.through(project=p, district=district) for p in rows
        )
    return rows[0]


def _queries(client, url):
    client.get(url)  # the first request of a host fills caches (host lookup, session); measure the next one
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture(params=["anonymous", "participant", "instance admin"])
def client_for(request, participant_a, admin_a):
    user = {"anonymous": None, "participant": participant_a, "instance admin": admin_a}[request.param]
    return host_client("a.test", user)


def test_project_list_is_constant(instance_a, client_for):
    _fill(instance_a, 3, 3)
    small = _queries(client_for, "/projects/")
    small_filtered = _queries(client_for, "/projects/?theme=mobilite&district=centre")
    with in_instance(instance_a):
        Theme.objects.all().delete()
        District.objects.all().delete()
        Project.objects.all().delete()
    _fill(instance_a, 300, 3)
    assert _queries(client_for, "/projects/") == small
    assert _queries(client_for, "/projects/?theme=mobilite&district=centre&page=3") == small_filtered
    assert small <= 14


def test_project_page_is_constant(instance_a, client_for):
    small_project = _fill(instance_a, 1, 3)
    small = _queries(client_for, f"/projects/{small_project.slug}/")
    small_step = _queries(client_for, f"/projects/{small_project.slug}/etape-1/")
    with in_instance(instance_a):
        Project.objects.all().delete()
        Theme.objects.all().delete()
        District.objects.all().delete()
    big_project = _fill(instance_a, 1, 300)
    assert _queries(client_for, f"/projects/{big_project.slug}/") == small
    assert _queries(client_for, f"/projects/{big_project.slug}/etape-1/") == small_step
    assert small <= 14
