"""The admin sites' "view on site" (r/<content type>/<id>/) finds only the serving instance's own rows:
the platform site's no longer reads every instance's through the base manager (finding 11 of issue 16)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from participe.instances.scoping import in_instance
from participe.projects.models import Project
from tests.conftest import host_client, make_user


def _project(instance, slug):
    with in_instance(instance):
        return Project.objects.create(title=f"Projet {slug}", slug=slug, is_published=True)


@pytest.fixture
def platform_admin(instance_a):
    return make_user(instance_a, "root@a.test", is_superuser=True, is_instance_admin=True)


@pytest.mark.django_db
@pytest.mark.parametrize("site", ["platform", "admin"])
def test_another_instances_row_is_not_found(site, instance_a, instance_b, platform_admin):
    theirs = _project(instance_b, "projet-de-b")
    content_type = ContentType.objects.get_for_model(Project).pk
    response = host_client("a.test", platform_admin).get(f"/{site}/r/{content_type}/{theirs.pk}/")
    assert response.status_code == 404
    assert "projet-de-b" not in response.get("Location", "")


@pytest.mark.django_db
@pytest.mark.parametrize("site", ["platform", "admin"])
def test_the_serving_instances_own_row_opens_its_page(site, instance_a, platform_admin):
    ours = _project(instance_a, "projet-de-a")
    content_type = ContentType.objects.get_for_model(Project).pk
    response = host_client("a.test", platform_admin).get(f"/{site}/r/{content_type}/{ours.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(ours.get_absolute_url())


@pytest.mark.django_db
def test_platform_rows_and_unknown_types_are_not_found(instance_a, instance_b, platform_admin):
    from participe.instances.models import Instance

    client = host_client("a.test", platform_admin)
    instance_type = ContentType.objects.get_for_model(Instance).pk
    assert client.get(f"/platform/r/{instance_type}/{instance_b.pk}/").status_code == 404
    assert client.get("/platform/r/999999/1/").status_code == 404


@pytest.mark.django_db
def test_the_platform_view_asks_to_log_in_and_refuses_participants(instance_a, instance_b):
    theirs = _project(instance_b, "projet-de-b")
    url = f"/platform/r/{ContentType.objects.get_for_model(Project).pk}/{theirs.pk}/"
    anonymous = host_client("a.test").get(url)
    assert anonymous.status_code == 302 and "projet-de-b" not in anonymous["Location"]
    participant = host_client("a.test", make_user(instance_a, "p@a.test")).get(url)
    assert participant.status_code == 302 and "projet-de-b" not in participant["Location"]
