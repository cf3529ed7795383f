"""The project page shows the project's own news and upcoming events, and only those."""

from participe.instances.scoping import in_instance
from participe.projects.models import Project
from tests.site.helpers import make_event, make_post


def _project(instance, slug):
    with in_instance(instance):
        return Project.objects.create(title=slug.capitalize(), slug=slug, is_published=True)


def test_project_page_lists_its_news_and_upcoming_events(client_a, instance_a):
    project = _project(instance_a, "velo")
    other = _project(instance_a, "parcs")
    make_post(instance_a, "reunion-velo", title="Compte rendu vélo", projects=[project])
    make_post(instance_a, "brouillon-velo", title="Brouillon vélo", projects=[project], days_ago=-3)  # not yet out
    make_post(instance_a, "parcs-news", title="Nouvelles des parcs", projects=[other])
    make_event(instance_a, "atelier-velo", title="Atelier vélo", projects=[project])
    make_event(instance_a, "atelier-passe", title="Atelier passé", projects=[project], days=-10)
    page = client_a.get("/projects/velo/").content.decode()
    assert "Compte rendu vélo" in page and "Atelier vélo" in page
    assert "Brouillon vélo" not in page and "Nouvelles des parcs" not in page and "Atelier passé" not in page


def test_project_without_news_shows_no_empty_section(client_a, instance_a):
    _project(instance_a, "calme")
    page = client_a.get("/projects/calme/").content.decode()
    assert 'id="project-news"' not in page and 'id="project-events"' not in page
