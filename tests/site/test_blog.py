from participe.projects.models import Visibility
from tests.conftest import host_client
from tests.site.helpers import make_group, make_post, make_project, make_theme


def test_news_list_is_paginated_newest_first_and_hides_future_posts(client_a, instance_a):
    for n in range(14):
        make_post(instance_a, f"post-{n}", days_ago=n + 1, title=f"Nouvelle {n}")
    make_post(instance_a, "futur", days_ago=-2, title="Nouvelle future")
    make_post(instance_a, "brouillon", is_published=False, title="Nouvelle brouillon")
    first = client_a.get("/news/").content.decode()
    assert first.index("Nouvelle 0") < first.index("Nouvelle 1")
    assert "Nouvelle 13" not in first and "Nouvelle future" not in first and "brouillon" not in first
    second = client_a.get("/news/?page=2").content.decode()
    assert "Nouvelle 13" in second
    assert client_a.get("/news/?page=abc").status_code == 200
    assert client_a.get("/news/?page=999").status_code == 200


def test_future_post_is_404_until_its_date(client_a, instance_a, admin_a):
    make_post(instance_a, "futur", days_ago=-2)
    assert client_a.get("/news/futur/").status_code == 404
    assert host_client("a.test", admin_a).get("/news/futur/").status_code == 200


def test_post_detail_shows_open_graph_article_and_only_visible_projects(client_a, instance_a, participant_a):
    group = make_group(instance_a, "Conseil", members=[participant_a])
    public = make_project(instance_a, "public", title="Projet public")
    secret = make_project(
        instance_a, "secret", title="Projet secret", visibility=Visibility.RESTRICTED, groups=[group]
    )
    theme = make_theme(instance_a, "mobilite", name="Mobilité")
    make_post(
        instance_a, "bilan", title="Bilan", summary="Le résumé", projects=[public, secret], themes=[theme]
    )
    html = client_a.get("/news/bilan/").content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:description" content="Le résumé">' in html
    assert "Projet public" in html and "Mobilité" in html
    assert "Projet secret" not in html
    member_html = host_client("a.test", participant_a).get("/news/bilan/").content.decode()
    assert "Projet secret" in member_html


def test_post_list_filtered_by_theme(client_a, instance_a):
    theme = make_theme(instance_a, "culture")
    make_post(instance_a, "fete", title="La fête", themes=[theme])
    make_post(instance_a, "velo", title="Le vélo")
    html = client_a.get("/news/?theme=culture").content.decode()
    assert "La fête" in html and "Le vélo" not in html


def test_post_of_instance_b_is_404_on_a(client_a, instance_a, instance_b):
    make_post(instance_b, "post-b")
    assert client_a.get("/news/post-b/").status_code == 404


def test_news_list_queries_do_not_grow_with_posts(client_a, instance_a, django_assert_max_num_queries):
    theme = make_theme(instance_a, "t")
    for n in range(12):
        make_post(instance_a, f"post-{n}", themes=[theme])
    with django_assert_max_num_queries(6):
        assert client_a.get("/news/").status_code == 200


def test_blog_switched_off_is_404(client_a, instance_a):
    instance_a.features["blog"] = False
    instance_a.save()
    make_post(instance_a, "p")
    assert client_a.get("/news/").status_code == 404
    assert client_a.get("/news/p/").status_code == 404
