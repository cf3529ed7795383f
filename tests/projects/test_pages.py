"""The public pages: filters, pagination, disabled steps, Open Graph, the GDPR export."""

from participe.accounts import personal_data
from participe.instances.scoping import in_instance
from participe.projects.models import Project, Step, StepConsent
from participe.projects.views import PROJECTS_PER_PAGE
from participe.site.models import District, Theme
from tests.conftest import host_client
from tests.projects.conftest import make_project


def test_filters_by_theme_and_district(instance_a, client_a):
    with in_instance(instance_a):
        bikes = Theme.objects.create(name="Mobilité", slug="mobilite")
        trees = Theme.objects.create(name="Nature", slug="nature")
        north = District.objects.create(name="Nord", slug="nord")
    make_project(instance_a, "velo", title="Pistes cyclables").themes.add(bikes)
    north_bikes = make_project(instance_a, "velo-nord", title="Vélo au nord")
    north_bikes.themes.add(bikes)
    north_bikes.districts.add(north)
    make_project(instance_a, "parc", title="Un parc").themes.add(trees)

    by_theme = client_a.get("/projects/?theme=mobilite").content.decode()
    assert "Pistes cyclables" in by_theme and "Vélo au nord" in by_theme and "Un parc" not in by_theme
    both = client_a.get("/projects/?theme=mobilite&district=nord").content.decode()
    assert "Vélo au nord" in both and "Pistes cyclables" not in both
    unknown = client_a.get("/projects/?theme=nope")
    assert unknown.status_code == 200
    assert "Un parc" in unknown.content.decode()  # a stale link shows everything, with the filter's error


def test_the_list_is_paginated(instance_a, client_a):
    with in_instance(instance_a):
        Project.objects.bulk_create(
            Project(instance=instance_a, title=f"Projet numéro {n:02}", slug=f"p{n}", is_published=True, position=n)
            for n in range(PROJECTS_PER_PAGE + 3)
        )
    first = client_a.get("/projects/").content.decode()
    second = client_a.get("/projects/?page=2").content.decode()
    assert "Projet numéro 00" in first and f"Projet numéro {PROJECTS_PER_PAGE:02}" not in first
    assert f"Projet numéro {PROJECTS_PER_PAGE:02}" in second and "Projet numéro 00" not in second
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert client_a.get("/projects/?page=999").status_code == 200


def test_a_disabled_step_is_previewed_by_administrators_only(instance_a, client_a, admin_a):
    make_project(instance_a, "p", steps=[{"slug": "hidden", "is_enabled": False}, {"slug": "shown"}])
    assert client_a.get("/projects/p/hidden/").status_code == 404
    assert "/projects/p/hidden/" not in client_a.get("/projects/p/").content.decode()
    preview = host_client("a.test", admin_a).get("/projects/p/hidden/")
    assert preview.status_code == 200
    assert "preview-banner" in preview.content.decode()


def test_open_graph_tags_describe_the_project(instance_a, client_a):
    make_project(instance_a, "p", title="Plan vélo", summary="Donnez votre avis.", steps=[{"slug": "s", "title": "Avis"}])
    html = client_a.get("/projects/p/").content.decode()
    assert '<meta property="og:title" content="Plan vélo">' in html
    assert '<meta property="og:description" content="Donnez votre avis.">' in html
    assert '<meta property="og:title" content="Avis — Plan vélo">' in client_a.get("/projects/p/s/").content.decode()


def test_consents_and_names_are_in_the_personal_data_export(instance_a, participant_a):
    project = make_project(instance_a, "p", title="Plan vélo", steps=[{"slug": "s", "title": "Avis"}])
    with in_instance(instance_a):
        step = Step.objects.get(project=project)
        StepConsent.objects.create(user=participant_a, step=step, key="c", text="J'accepte.")
        data = personal_data.collect(participant_a)["participation_requirements"]
    assert data["consents"][0]["text"] == "J'accepte."
    assert data["consents"][0]["project"] == "Plan vélo"
    assert data["identity"] is None


def test_other_apps_add_sections_to_the_project_page(instance_a, client_a):
    from django.utils.html import format_html

    from participe.projects import panels

    def news(request, project):
        return format_html("<section><h2>News of {}</h2></section>", project.title)

    panels.register(news)
    try:
        make_project(instance_a, "p", title="Plan <vélo>")
        assert "<h2>News of Plan &lt;vélo&gt;</h2>" in client_a.get("/projects/p/").content.decode()
    finally:
        panels.unregister(news)
