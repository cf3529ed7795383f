"""Hypothesis against the parsers that read untrusted input: rich text, settings URLs, hosts, CSV cells.

Modules add their parsers here (imports, GeoJSON, questionnaire answers) with the property that
must hold for any input.
"""

import re
import string
from html.parser import HTMLParser

from django.http.request import host_validation_re
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participe.core.richtext import sanitise
from participe.env import cache_config, email_config
from participe.exports.base import Exporter
from participe.exports.writers import iter_csv
from participe.instances.resolver import normalise_host

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces attackers assemble pages from; hypothesis shuffles, nests and breaks them.
HTML_PIECES = st.sampled_from(
    [
        "<script>", "</script>", "<SCRIPT src=//x>", "<scr<script>ipt>", "<img src=x onerror=alert(1)>",
        "<a href='javascript:alert(1)'>", "<a href=\"JaVaScRiPt:alert(1)\">", "<a href='jav&#x09;ascript:x'>",
        "<a href=' javascript:x'>", "<svg onload=alert(1)>", "<p onclick='x'>", "<iframe src=x>", "<style>",
        "<math><mi xlink:href='javascript:x'>", "<!--", "-->", "<![CDATA[", "]]>", "<a href=data:text/html,x>",
        "<p>", "</p>", "<a href='https://ok.example'>", "</a>", "<strong>", "<img src='https://x' alt='a'>",
        "<object data=x>", "<form action=x>", "<input autofocus onfocus=x>", "<base href=//x>", "<table>",
        "<td background='javascript:x'>", "<span style='x:expression(alert(1))'>", "\x00", "&lt;script&gt;",
        '"', "'", "=", " ", "onmouseover=", "<details open ontoggle=x>",
    ]
)
HTML = st.lists(st.one_of(HTML_PIECES, st.text(max_size=8)), max_size=25).map("".join)

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "form", "input", "base", "link", "meta"}
SAFE_URL = re.compile(r"(https?:|mailto:|tel:|/|#|\?|[^:]*$)", re.IGNORECASE)


class _Elements(HTMLParser):
    """The tags and attributes a browser would build from the sanitiser's output."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


@FUZZ
@given(HTML, st.booleans())
def test_sanitised_html_runs_nothing(html, contribution):
    for tag, attrs in _Elements(sanitise(html, contribution=contribution)).elements:
        assert tag not in DANGEROUS_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on") and name != "style", (tag, name)
            if name in ("href", "src", "cite", "action", "formaction", "background"):
                assert SAFE_URL.match("".join((value or "").split())), (tag, name, value)


URL_TEXT = st.text(alphabet=string.ascii_letters + string.digits + ":/@?&=.%-_+[] ", max_size=40)


@FUZZ
@given(st.one_of(URL_TEXT, st.sampled_from(["smtp://", "smtps://", "console://", "file://", "locmem://"]).flatmap(
    lambda scheme: URL_TEXT.map(lambda rest: scheme + rest))))
def test_email_url_gives_a_backend_or_a_clear_error(url):
    try:
        config = email_config(url)
    except ValueError:  # settings refuse to load: the server does not start with a broken EMAIL_URL
        return
    assert config["EMAIL_BACKEND"].startswith("django.core.mail.backends.")
    if "EMAIL_PORT" in config:
        assert isinstance(config["EMAIL_PORT"], int) and 0 <= config["EMAIL_PORT"] <= 65535


@FUZZ
@given(st.one_of(URL_TEXT, st.sampled_from(["redis://", "rediss://", "unix://", "locmem", "dummy"]).flatmap(
    lambda scheme: URL_TEXT.map(lambda rest: scheme + rest))))
def test_cache_url_gives_a_backend_or_a_clear_error(url):
    try:
        config = cache_config(url)
    except ValueError as error:
        assert "CACHE_URL" in str(error)
        return
    assert config["BACKEND"].startswith(("django.core.cache.backends.", "participe.core.cache."))


HOSTS = st.text(alphabet=string.ascii_letters + string.digits + ".-:[] \t", max_size=40)


@FUZZ
@given(HOSTS)
def test_any_host_header_normalises_without_error(host):
    assert isinstance(normalise_host(host), str)


@FUZZ
@given(HOSTS.filter(lambda host: host_validation_re.match(host) is not None))
def test_host_normalisation_is_stable_and_portless(host):
    # Only hosts Django's get_host() lets through reach the resolver.
    normal = normalise_host(host)
    assert normal == normal.lower() == normal.strip()
    assert normalise_host(normal) == normal
    if not normal.startswith("["):
        assert ":" not in normal and not normal.endswith(".")


@FUZZ
@given(st.sampled_from(["a.test", "www.ville.fr", "[::1]"]), st.integers(1, 65535), st.booleans())
def test_port_case_and_final_dot_never_change_the_instance(host, port, final_dot):
    variant = host.upper() + ("." if final_dot and not host.startswith("[") else "") + f":{port}"
    assert normalise_host(variant) == normalise_host(host)


class _Rows(Exporter):
    def __init__(self, rows):
        self._rows = rows

    def columns(self):
        return ["value"]

    def rows(self):
        return iter(self._rows)


CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["=", "+", "-", "@", "\t", "\r"]).flatmap(lambda p: st.text(max_size=12).map(lambda t: p + t)),
    st.integers(),
    st.floats(allow_nan=False),
)


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


@FUZZ
@given(st.lists(CELLS, max_size=10))
def test_csv_cells_never_start_a_formula(values):
    import csv
    import io

    lines = list(iter_csv(_Rows([[value] for value in values])))
    cells = [row[0] for row in csv.reader(io.StringIO("".join(lines[1:]))) if row]
    for cell in cells:
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert _is_number(cell), cell


NUMBERS = st.one_of(st.integers(-400, 400), st.floats(allow_nan=True, allow_infinity=True))
POSITION = st.lists(NUMBERS, min_size=0, max_size=3)
RING = st.one_of(
    st.lists(POSITION, max_size=6),
    st.lists(st.tuples(st.floats(-180, 180), st.floats(-90, 90)).map(list), min_size=3, max_size=6).map(
        lambda ring: ring + [ring[0]]
    ),
)
GEOMETRY = st.one_of(
    st.none(),
    st.text(max_size=5),
    st.fixed_dictionaries({"type": st.sampled_from(["Polygon", "MultiPolygon", "Point", 3]),
                           "coordinates": st.one_of(st.lists(RING, max_size=3), st.lists(st.lists(RING, max_size=2),
                                                                                            max_size=2), NUMBERS)}),
)


@FUZZ
@given(GEOMETRY, st.floats(-180, 180), st.floats(-90, 90))
def test_district_areas_are_valid_or_refused_clearly(geometry, lon, lat):
    """Back-office GeoJSON: a clear validation error or a geometry the map code can use."""
    from django.core.exceptions import ValidationError

    from participe.site.geo import point_in_geometry, svg_paths, validate_geometry

    try:
        validate_geometry(geometry)
    except ValidationError:
        return
    if geometry:
        assert isinstance(point_in_geometry(lon, lat, geometry), bool)
        svg_paths([("zone", geometry)])
