import xml.etree.ElementTree as ET

from participe.projects.models import Visibility
from tests.site.helpers import make_event, make_page, make_post, make_project, make_theme

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _urls(response):
    assert response.status_code == 200
    return {loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", NS)}  # noqa: S314 - our own output


def test_sitemap_lists_public_content_of_the_instance_only(client_a, client_b, instance_a, instance_b):
    make_project(instance_a, "public")
    make_project(instance_a, "lien", visibility=Visibility.UNLISTED)
    make_project(instance_a, "groupe", visibility=Visibility.RESTRICTED)
    make_project(instance_a, "admins", visibility=Visibility.ADMINS)
    make_project(instance_a, "brouillon", published=False)
    make_project(instance_a, "archive", is_archived=True)
    make_page(instance_a, "a-propos")
    make_page(instance_a, "page-brouillon", published=False)
    make_post(instance_a, "nouvelle")
    make_post(instance_a, "future", days_ago=-3)
    make_event(instance_a, "atelier")
    make_event(instance_a, "cache", is_published=False)
    make_theme(instance_a, "mobilite")
    make_project(instance_b, "projet-b")
    urls = _urls(client_a.get("/sitemap.xml"))
    assert {
        "http://a.test/",
        "http://a.test/projects/public/",
        "http://a.test/pages/a-propos/",
        "http://a.test/news/nouvelle/",
        "http://a.test/agenda/atelier/",
        "http://a.test/themes/mobilite/",
        "http://a.test/news/",
    } <= urls
    for hidden in (
        "lien",
        "groupe",
        "admins",
        "brouillon",
        "archive",
        "page-brouillon",
        "future",
        "cache",
        "projet-b",
    ):
        assert not any(f"/{hidden}/" in url for url in urls), hidden
    assert all(url.startswith("http://a.test/") for url in urls)
    assert _urls(client_b.get("/sitemap.xml")) >= {"http://b.test/projects/projet-b/"}


def test_sitemap_leaves_out_switched_off_sections(client_a, instance_a):
    instance_a.features["blog"] = False
    instance_a.save()
    make_post(instance_a, "nouvelle")
    urls = _urls(client_a.get("/sitemap.xml"))
    assert not any("/news/" in url for url in urls)


def test_robots_points_to_the_instance_sitemap(client_a, client_b):
    assert "Sitemap: http://a.test/sitemap.xml" in client_a.get("/robots.txt").content.decode()
    assert "Sitemap: http://b.test/sitemap.xml" in client_b.get("/robots.txt").content.decode()
