"""Anonymous visitors share cached renderings of the home and project pages; nobody else does, and what
the cache key holds (counters, visibility) shows at once."""

import re

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from participe.instances.scoping import in_instance
from participe.projects.models import Project
from tests.conftest import host_client

pytestmark = pytest.mark.django_db


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def _tokens(html):
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


@pytest.fixture
def project(instance_a):
    with in_instance(instance_a):
        return Project.objects.create(title="Budget participatif", slug="budget", is_published=True)


def test_the_home_page_is_shared_by_visitors_with_their_own_tokens(instance_a, project, participant_a):
    first, second = host_client("a.test"), host_client("a.test")
    first_html = first.get("/").content.decode()
    response, queries = _get(second, "/")
    assert response.status_code == 200 and queries <= 1 and "Budget participatif" in response.content.decode()
    assert "\x00" not in response.content.decode()
    assert _tokens(first_html).isdisjoint(_tokens(response.content.decode()))
    with in_instance(instance_a):
        Project.objects.create(title="Nouveau projet", slug="nouveau", is_published=True)
    signed_in = host_client("a.test", participant_a)
    assert "Nouveau projet" in signed_in.get("/projects/").content.decode()
    _response, signed_in_queries = _get(signed_in, "/")
    assert signed_in_queries > 1  # rendered for them


def test_a_project_page_follows_its_counters_and_its_visibility(instance_a, project):
    visitor = host_client("a.test")
    url = project.get_absolute_url()
    assert visitor.get(url).status_code == 200
    response, queries = _get(visitor, url)
    assert queries <= 2 and response.status_code == 200
    with in_instance(instance_a):
        Project.objects.filter(pk=project.pk).update(participants_count=F("participants_count") + 41)
    assert re.search(r"<dt>[^<]+</dt><dd>41</dd>", visitor.get(url).content.decode())
    with in_instance(instance_a):
        Project.objects.filter(pk=project.pk).update(visibility="admins")
    assert visitor.get(url).status_code == 404
