"""The design system on real pages: one layout for every step type, a proposal's own <h1>, the compact header,
and the weight of the CSS and JavaScript a public page loads (gzipped, at most 100 KB, none from elsewhere)."""

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from participe.instances.scoping import in_instance
from participe.projects.registry import step_types
from tests.conftest import host_client
from tests.projects.conftest import make_project
from tests.proposals.conftest import make_proposal, make_step

PAGE_BUDGET = 100 * 1024
ASSET = re.compile(r'<link rel="stylesheet" href="([^"]+)"|<script[^>]* src="([^"]+)"')


def page_assets(client, html):
    """(url, gzipped size) of every style sheet and script the page references."""
    sizes = []
    for match in ASSET.finditer(html):
        url = match.group(1) or match.group(2)
        if url.startswith(settings.STATIC_URL):
            path = finders.find(url[len(settings.STATIC_URL) :].split("?")[0])
            assert path, f"{url} is not a static file"
            body = open(path, "rb").read()
        else:
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content
        sizes.append((url, len(gzip.compress(body, 9))))
    return sizes


def assert_light(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    assets = page_assets(client, html)
    assert assets, path
    for url, _size in assets:
        assert url.startswith("/") and not url.startswith("//"), f"{path} loads {url} from another site"
    total = sum(size for _url, size in assets)
    assert total <= PAGE_BUDGET, f"{path}: {total} bytes of CSS and JS (gzip) {assets}"
    return html


@pytest.mark.django_db
def test_home_step_and_proposal_pages_stay_under_100_kb_of_css_and_js(instance_a):
    step = make_step(instance_a, vote={"type": "support"})
    proposal = make_proposal(step, status="published")
    client = host_client("a.test")
    assert_light(client, "/")
    assert_light(client, step.get_absolute_url())
    assert_light(client, step.get_absolute_url() + "?view=map")
    html = assert_light(client, proposal.get_absolute_url())
    # A proposal page is about the proposal: its title is the page's one <h1>.
    assert html.count("<h1") == 1
    assert re.search(r"<h1[^>]*>Des bancs publics</h1>", html)


@pytest.mark.django_db
def test_every_step_type_uses_the_one_step_layout(instance_a, admin_a):
    keys = [t.key for t in step_types if not t.key.startswith("toy")]
    assert {"consultation", "debate", "ranking", "collect", "selection", "questionnaire", "votation", "presentation", "other"} <= set(keys)
    project = make_project(
        instance_a, "layout", body="", steps=[{"type": key, "slug": f"s-{key}", "title": f"Étape {key}", "body": "<p>Description de l’étape.</p>"} for key in keys]
    )
    with in_instance(instance_a):
        for step in project.steps.all():
            step.step_type.create_content(step)
    client = host_client("a.test", admin_a)
    for key in keys:
        response = client.get(f"/projects/{project.slug}/s-{key}/", follow=True)
        assert response.status_code == 200, key
        html = response.content.decode()
        order = [html.find(marker) for marker in ('class="breadcrumb"', 'class="step-hero', "<h1", 'class="timeline', "Description de l’étape", 'class="step-participation')]
        assert -1 not in order and order == sorted(order), f"{key}: {order}"
        assert html.count("<h1") == 1, key


@pytest.mark.django_db
def test_the_header_menu_is_a_details_element_before_the_menus(instance_a):
    html = host_client("a.test").get("/").content.decode()
    header = html[html.index('<header class="site-header"') : html.index("</header>")]
    assert '<details class="menu-toggle">' in header and "<summary>" in header
    assert header.index("menu-toggle") < header.index('class="site-nav"') < header.index('class="account-nav"')
