from django.db import connection
from django.test.utils import CaptureQueriesContext

from participe.instances.scoping import in_instance
from participe.projects.models import Project, Visibility
from participe.site.models import District, HomeSection
from tests.conftest import host_client
from tests.site.helpers import (
    make_district,
    make_event,
    make_page,
    make_post,
    make_project,
    make_section,
    make_theme,
    square,
)

Kind = HomeSection.Kind


def _all_sections(instance):
    for position, kind in enumerate(Kind.values):
        make_section(instance, kind, position=position, title=f"Section {kind}", body=f"<p>Body {kind}</p>")


def _many_projects(instance, count, start=0):
    theme = make_theme(instance, f"theme-{start}")
    with in_instance(instance):
        districts = list(District.objects.all())
        projects = Project.objects.bulk_create(
            [
                Project(
                    instance=instance,
                    title=f"Projet {n}",
                    slug=f"projet-{n}",
                    is_published=True,
                    participants_count=2,
                )
                for n in range(start, start + count)
            ]
        )
        for project in projects:
            project.themes.add(theme)
            project.districts.set(districts)


def test_sections_render_in_the_administrators_order(client_a, instance_a):
    make_section(
        instance_a, Kind.CUSTOM_TEXT, position=2, title="Second", body="<p>Deuxième</p><script>x</script>"
    )
    make_section(instance_a, Kind.CUSTOM_TEXT, position=1, title="First", body="<p>Premier</p>")
    make_section(instance_a, Kind.CUSTOM_TEXT, position=0, title="Hidden", is_enabled=False)
    html = client_a.get("/").content.decode()
    assert html.index("First") < html.index("Second")
    assert "Hidden" not in html
    assert "<script>x" not in html


def test_every_kind_renders_with_its_content(client_a, instance_a):
    _all_sections(instance_a)
    make_district(instance_a, "centre", square(1.43, 43.59), name="Centre-ville")
    make_project(instance_a, "velo", title="Plan vélo", participants_count=12, contributions_count=30)
    make_event(instance_a, "atelier", title="Atelier mobilité")
    make_post(instance_a, "bilan", title="Bilan de la concertation")
    response = client_a.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    for kind in Kind.values:
        assert f"home-section--{kind}" in html
    assert "Plan vélo" in html
    assert "Atelier mobilité" in html
    assert "Bilan de la concertation" in html
    assert "Centre-ville" in html and "<svg" in html
    assert ">12<" in html and ">30<" in html  # key figures come from the kept counters


def test_a_new_instance_gets_a_default_home_page(client_a, instance_a):
    make_project(instance_a, "velo", title="Plan vélo")
    html = client_a.get("/").content.decode()
    assert "home-section--introduction" in html
    assert "Plan vélo" in html


def test_restricted_and_draft_projects_stay_off_the_home_page(client_a, instance_a, participant_a):
    _all_sections(instance_a)
    make_project(instance_a, "public", title="Projet public")
    make_project(instance_a, "secret", title="Projet secret", visibility=Visibility.RESTRICTED)
    make_project(instance_a, "brouillon", title="Projet brouillon", published=False)
    make_project(instance_a, "lien", title="Projet par lien", visibility=Visibility.UNLISTED)
    for client in (client_a, host_client("a.test", participant_a)):
        html = client.get("/").content.decode()
        assert "Projet public" in html
        assert "Projet secret" not in html
        assert "Projet brouillon" not in html
        assert "Projet par lien" not in html


def test_home_does_not_show_instance_b_content(client_a, instance_a, instance_b):
    make_project(instance_b, "b-project", title="Projet de B")
    make_post(instance_b, "b-post", title="Nouvelle de B")
    make_event(instance_b, "b-event", title="Rendez-vous de B")
    html = client_a.get("/").content.decode()
    assert "de B" not in html


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_home_costs_the_same_queries_with_3_or_300_projects(instance_a, participant_a):
    _all_sections(instance_a)
    for n in range(3):
        make_district(instance_a, f"quartier-{n}", square(1.4 + n / 50, 43.6))
        make_event(instance_a, f"event-{n}")
        make_post(instance_a, f"post-{n}")
    _many_projects(instance_a, 3, start=0)
    client = host_client("a.test", participant_a)
    client.get("/")  # warm the session
    with_3 = _queries(client, "/")
    _many_projects(instance_a, 297, start=3)
    with_300 = _queries(client, "/")
    assert with_3 == with_300
    # The sections cost 8 queries (sections, projects + their themes, map, events, news, figures × 2);
    # the rest is the page frame (session, user, menu…), measured on a page that adds one query.
    make_page(instance_a, "cadre")
    frame = _queries(client, "/pages/cadre/") - 1
    assert with_300 - frame <= 8
