"""The shared pagination and breadcrumb includes, read over HTTP on the website's pages."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from tests.site.helpers import make_event, make_theme


def _links(html, rel):
    return re.findall(rf'<a href="([^"]*)" rel="{rel}">', html)


def test_agenda_pages_keep_every_filter(client_a, instance_a):
    theme = make_theme(instance_a, "velo")
    for n in range(14):
        make_event(instance_a, f"passe-{n}", days=-(n + 1), themes=[theme], title=f"Sortie {n}")
    html = client_a.get("/agenda/?when=past&theme=velo").content.decode()
    assert _links(html, "next") == ["?when=past&amp;theme=velo&amp;page=2"]
    second = client_a.get("/agenda/?when=past&theme=velo&page=2").content.decode()
    assert _links(second, "prev") == ["?when=past&amp;theme=velo&amp;page=1"] and not _links(second, "next")


def test_pagination_is_named_marks_the_current_page_and_escapes_the_query(client_a, instance_a):
    for n in range(13):
        make_event(instance_a, f"e-{n}", days=n + 1)
    html = client_a.get('/agenda/?x="><script>alert(1)</script>').content.decode()
    nav = html[html.index('<nav class="pagination"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'aria-label="Pages"' in nav
    assert re.search(r'<li aria-current="page">Page 1 (sur|of) 2</li>', nav)
    assert _links(nav, "next") == ["?x=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;page=2"]
    assert not _links(nav, "prev") and "<script>" not in nav


def test_one_page_has_no_pagination(client_a, instance_a):
    make_event(instance_a, "seul", days=2)
    assert 'class="pagination"' not in client_a.get("/agenda/").content.decode()


def test_theme_page_trail_ends_on_the_page_itself(client_a, instance_a):
    make_theme(instance_a, "mobilite", name="Mobilité")
    html = client_a.get("/themes/mobilite/").content.decode()
    trail = html[html.index('class="breadcrumb"') :]
    trail = trail[: trail.index("</nav>")]
    assert re.search(r'<li><a href="/themes/">[^<]+</a></li><li><span aria-current="page">Mobilité</span></li>', trail)


def _render(source, url="/", **context):
    request = RequestFactory().get(url)
    return Template("{% load navigation %}" + source).render(Context({"request": request, **context}))


def test_url_with_sets_removes_and_starts_from_a_base():
    assert _render("{% url_with page=3 %}", "/?sort=new&page=2") == "?sort=new&amp;page=3"
    assert _render("{% url_with name 4 %}", "/?a=1", name="for") == "?a=1&amp;for=4"
    assert _render('{% url_with page="" %}', "/?a=1&page=2") == "?a=1"
    assert _render("{% url_with page=2 base=query %}", "/?ignored=1", query="seed=7") == "?seed=7&amp;page=2"
    with pytest.raises(TemplateSyntaxError):
        _render("{% url_with 'page' %}")


def test_breadcrumbs_leave_out_missing_levels():
    html = _render('{% breadcrumbs "Projet" "/p/" missing.title missing.url "Page" %}')
    assert re.findall(r"<li>.*?</li>", html) == ['<li><a href="/p/">Projet</a></li>', '<li><span aria-current="page">Page</span></li>']
