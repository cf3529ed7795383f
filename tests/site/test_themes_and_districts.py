from participe.projects.models import Visibility
from tests.site.helpers import make_district, make_event, make_post, make_project, make_theme, square


def test_theme_page_lists_its_projects_posts_and_events(client_a, instance_a):
    theme = make_theme(instance_a, "mobilite", name="Mobilité", description="Se déplacer")
    other = make_theme(instance_a, "culture", name="Culture")
    make_project(instance_a, "velo", title="Plan vélo").themes.add(theme)
    make_project(instance_a, "secret", title="Projet secret", visibility=Visibility.ADMINS).themes.add(theme)
    make_project(instance_a, "musee", title="Musée").themes.add(other)
    make_post(instance_a, "bilan", title="Bilan vélo", themes=[theme])
    make_event(instance_a, "balade", title="Balade à vélo", themes=[theme])
    make_event(instance_a, "vieille", title="Vieille balade", days=-3, themes=[theme])
    html = client_a.get("/themes/mobilite/").content.decode()
    assert "Plan vélo" in html and "Bilan vélo" in html and "Balade à vélo" in html
    assert "Musée" not in html and "Projet secret" not in html and "Vieille balade" not in html
    assert '<meta property="og:description" content="Se déplacer">' in html
    listing = client_a.get("/themes/").content.decode()
    assert listing.index("Culture") < listing.index("Mobilité") or listing.index("Mobilité") < listing.index(
        "Culture"
    )


def test_theme_of_instance_b_is_404_on_a(client_a, instance_a, instance_b):
    make_theme(instance_b, "theme-b")
    assert client_a.get("/themes/theme-b/").status_code == 404


def test_districts_page_works_without_javascript(client_a, instance_a):
    centre = make_district(instance_a, "centre", square(1.43, 43.59), name="Centre")
    make_district(instance_a, "nord", square(1.42, 43.61), name="Nord")
    make_district(instance_a, "sans-contour", None, name="Sans contour")
    make_project(instance_a, "velo").districts.add(centre)
    make_project(instance_a, "secret", visibility=Visibility.RESTRICTED).districts.add(centre)
    response = client_a.get("/districts/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/districts/centre/"' in html and 'href="/districts/sans-contour/"' in html
    assert html.count("<path") == 2  # districts without an area are in the list, not on the map
    assert "<script" not in html and 'style="' not in html
    assert "Centre</a> — 1 " in html  # the restricted project is not counted


def test_district_page_lists_visible_projects(client_a, instance_a, instance_b):
    centre = make_district(instance_a, "centre", square(1.43, 43.59), name="Centre")
    make_project(instance_a, "velo", title="Plan vélo").districts.add(centre)
    make_project(instance_a, "brouillon", title="Brouillon", published=False).districts.add(centre)
    html = client_a.get("/districts/centre/").content.decode()
    assert "Plan vélo" in html and "Brouillon" not in html and "<svg" in html
    make_district(instance_b, "de-b")
    assert client_a.get("/districts/de-b/").status_code == 404


def test_district_list_queries_do_not_grow(client_a, instance_a, django_assert_max_num_queries):
    for n in range(20):
        district = make_district(instance_a, f"d-{n}", square(1.4 + n / 100, 43.6))
        make_project(instance_a, f"p-{n}").districts.add(district)
    with django_assert_max_num_queries(4):
        assert client_a.get("/districts/").status_code == 200
