import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participe.instances.scoping import in_instance
from participe.projects.models import Project, Visibility
from participe.search.backends import fold
from participe.search.registry import Result, SearchSource, sources
from tests.conftest import host_client
from tests.site.helpers import make_event, make_group, make_page, make_post, make_project


def _titles(response):
    """What the page says after the search form (whose project filter lists the projects' titles)."""
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('class="tabs"', 1)[1] if 'class="tabs"' in html else ""


def test_search_finds_projects_posts_events_and_pages(client_a, instance_a):
    make_project(instance_a, "velo", title="Plan vélo", summary="Des pistes cyclables partout")
    make_post(
        instance_a, "bilan", title="Bilan", body="<p>La concertation cyclable a réuni 300 personnes</p>"
    )
    make_event(instance_a, "balade", title="Balade cyclable", address="Capitole")
    make_page(instance_a, "faq", title="FAQ", body="<p>Voies cyclables et trottoirs</p>")
    make_post(instance_a, "autre", title="Autre chose", body="<p>Rien à voir</p>")
    html = _titles(client_a.get("/search/", {"q": "cyclable"}))
    for title in ("Plan vélo", "Bilan", "Balade cyclable", "FAQ"):
        assert title in html
    assert "Autre chose" not in html
    assert html.index("Plan vélo") < html.index("Balade cyclable")  # projects come first


def test_search_ignores_case_and_accents(client_a, instance_a):
    make_project(instance_a, "ecoles", title="Rénovation des écoles")
    assert "Rénovation des écoles" in _titles(client_a.get("/search/", {"q": "ECOLES"}))
    assert "Rénovation des écoles" in _titles(client_a.get("/search/", {"q": "écoles rénovation"}))


def test_restricted_project_is_found_only_by_who_may_see_it(
    client_a, instance_a, participant_a, make_account
):
    member = make_account(instance_a, "member@a.test")
    group = make_group(instance_a, "Conseil citoyen", members=[member])
    make_project(
        instance_a, "secret", title="Budget secret", visibility=Visibility.RESTRICTED, groups=[group]
    )
    make_project(instance_a, "admins", title="Budget interne", visibility=Visibility.ADMINS)
    make_project(instance_a, "brouillon", title="Budget brouillon", published=False)
    make_project(instance_a, "lien", title="Budget par lien", visibility=Visibility.UNLISTED)
    make_project(instance_a, "public", title="Budget public")
    for client in (client_a, host_client("a.test", participant_a)):
        html = _titles(client.get("/search/", {"q": "budget"}))
        assert "Budget public" in html
        for hidden in ("Budget secret", "Budget interne", "Budget brouillon", "Budget par lien"):
            assert hidden not in html
    assert "Budget secret" in _titles(host_client("a.test", member).get("/search/", {"q": "budget"}))


def test_unpublished_content_is_not_found(client_a, instance_a):
    make_post(instance_a, "futur", title="Annonce future", days_ago=-3)
    make_post(instance_a, "brouillon", title="Annonce brouillon", is_published=False)
    make_event(instance_a, "cache", title="Annonce cachée", is_published=False)
    make_page(instance_a, "page", title="Annonce page", published=False)
    html = _titles(client_a.get("/search/", {"q": "annonce"}))
    assert "Annonce" not in html.split("<h2", 1)[-1].split("</main>")[0].replace("“annonce”", "")


def test_search_stays_within_the_instance(client_a, instance_a, instance_b):
    make_project(instance_b, "b", title="Projet jumeau de B")
    make_post(instance_b, "b", title="Nouvelle jumelle de B")
    html = _titles(client_a.get("/search/", {"q": "jumeau jumelle"}))
    assert "de B" not in html
    assert "de B" not in _titles(client_a.get("/search/", {"q": "jumeau"}))


def test_results_are_paginated_and_filtered_by_kind(client_a, instance_a):
    for n in range(25):
        make_post(instance_a, f"post-{n}", title=f"Mobilité {n}", days_ago=n + 1)
    make_project(instance_a, "p", title="Mobilité projet")
    first = _titles(client_a.get("/search/", {"q": "mobilité"}))
    assert "26 results" in first or "26 résultats" in first
    assert "Mobilité projet" in first and "Mobilité 18" in first and "Mobilité 19" not in first
    assert 'href="?q=mobilit%C3%A9&amp;type=posts"' in first
    second = _titles(client_a.get("/search/", {"q": "mobilité", "page": "2"}))
    assert "Mobilité 19" in second and "Mobilité 24" in second
    only_posts = _titles(client_a.get("/search/", {"q": "mobilité", "type": "posts"}))
    assert "Mobilité projet" not in only_posts


def test_bad_input_is_answered_without_error(client_a, instance_a):
    assert client_a.get("/search/").status_code == 200
    assert client_a.get("/search/", {"q": "   "}).status_code == 200
    assert client_a.get("/search/", {"q": "x", "type": "nonsense", "page": "zzz"}).status_code == 200
    assert client_a.get("/search/", {"q": "100% _sale_ ' \" ; -- OR 1=1 & | ! :*"}).status_code == 200
    response = client_a.get("/search/", {"q": "mot " * 100})
    assert response.status_code == 200
    html = response.content.decode()
    assert "200" in html and "error-summary" in html
    assert "mot mot" in html  # what was typed is kept


def test_like_wildcards_are_matched_literally(client_a, instance_a):
    make_project(instance_a, "a", title="Réduction de 50% des déchets")
    make_project(instance_a, "b", title="Réduction de 500 tonnes")
    html = _titles(client_a.get("/search/", {"q": "50%"}))
    assert "50% des déchets" in html and "500 tonnes" not in html


def test_search_switched_off_is_404(client_a, instance_a):
    instance_a.features["search"] = False
    instance_a.save()
    assert client_a.get("/search/", {"q": "x"}).status_code == 404


def test_search_queries_do_not_grow_with_results(client_a, instance_a):
    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client_a.get("/search/", {"q": "quartier"}).status_code == 200
        return len(captured)

    make_project(instance_a, "p0", title="Quartier 0")
    make_post(instance_a, "post-0", title="Quartier 0")
    few = count_queries()
    with in_instance(instance_a):
        Project.objects.bulk_create(
            [
                Project(instance=instance_a, title=f"Quartier {n}", slug=f"q-{n}", is_published=True)
                for n in range(1, 60)
            ]
        )
    assert count_queries() <= few  # a page only reads the sources it shows


def test_a_module_registers_its_own_source(client_a, instance_a):
    source = SearchSource(
        key="test-projects-by-slug",
        label="Test",
        rows=lambda request: Project.objects.listed_for(request.user),
        fields=("slug",),
        result=lambda project: Result(f"Slug {project.slug}", project.get_absolute_url()),
    )
    sources.register(source)
    try:
        make_project(instance_a, "zebre-unique", title="Sans rapport")
        assert "Slug zebre-unique" in _titles(client_a.get("/search/", {"q": "zebre"}))
    finally:
        sources.unregister(source.key)


@pytest.mark.parametrize(
    ("text", "folded"), [("Élection", "election"), ("ÇA", "ca"), ("Straße", "strasse"), (None, "")]
)
def test_fold(text, folded):
    assert fold(text) == folded
