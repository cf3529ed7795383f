"""The districts' SVG map: links are never inside a role="img" (axe's nested-interactive); a map of links is a
labelled group whose links have names, and the page lists the same links next to it."""

from html.parser import HTMLParser

from participe.site.models import HomeSection
from tests.site.helpers import make_district, make_section, square

VOID = {"br", "img", "input", "meta", "link", "hr", "source", "path"}


class _Maps(HTMLParser):
    """Collects, for each <svg>, its role, its label's id and the links inside it (href, aria-label)."""

    def __init__(self):
        super().__init__()
        self.svgs, self.stack = [], []
        self.current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.current = {"role": attrs.get("role"), "labelledby": attrs.get("aria-labelledby"), "links": []}
            self.svgs.append(self.current)
        elif tag == "a" and self.current is not None:
            self.current["links"].append((attrs.get("href"), attrs.get("aria-label")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.current = None

    def handle_endtag(self, tag):
        if tag == "svg":
            self.current = None


def _maps(html):
    parser = _Maps()
    parser.feed(html)
    return [svg for svg in parser.svgs if svg["labelledby"] and "map" in svg["labelledby"] or svg["links"]]


def _districts(instance):
    return [
        make_district(instance, "centre", geometry=square(1.44, 43.60), name="Centre"),
        make_district(instance, "rive-gauche", geometry=square(1.42, 43.60), name="Rive gauche"),
    ]


def test_the_home_map_is_a_labelled_group_of_named_links_with_a_list_equivalent(client_a, instance_a):
    _districts(instance_a)
    make_section(instance_a, HomeSection.Kind.PROJECTS_MAP, title="Près de chez vous")
    html = client_a.get("/").content.decode()
    (svg,) = _maps(html)
    assert svg["role"] == "group"
    assert f'id="{svg["labelledby"]}"' in html
    assert svg["links"] == [("/districts/centre/", "Centre"), ("/districts/rive-gauche/", "Rive gauche")]
    list_part = html[html.index('class="district-list"'):]
    assert 'href="/districts/centre/"' in list_part and 'href="/districts/rive-gauche/"' in list_part


def test_no_page_puts_a_link_inside_an_image(client_a, instance_a):
    centre, _ = _districts(instance_a)
    make_section(instance_a, HomeSection.Kind.PROJECTS_MAP)
    for url in ("/", "/districts/", centre.get_absolute_url()):
        response = client_a.get(url)
        assert response.status_code == 200, url
        svgs = _maps(response.content.decode())
        assert svgs, url
        for svg in svgs:
            assert not (svg["role"] == "img" and svg["links"]), url
            assert all(label for _href, label in svg["links"]), url


def test_a_district_page_draws_its_outline_as_one_image(client_a, instance_a):
    centre, _ = _districts(instance_a)
    (svg,) = _maps(client_a.get(centre.get_absolute_url()).content.decode())
    assert svg["role"] == "img" and svg["links"] == []
