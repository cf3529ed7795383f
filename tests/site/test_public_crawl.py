"""The public site of both demo instances, walked link by link in a real browser, signed out and signed in.

From `/`, every same-host link of the public site is followed (not /gestion/, /admin/, /platform/, files to
download, other hosts), at most PER_KIND URLs of each kind of page: a kind is the resolved URL name, and for step
pages the step's type (every project page is walked: each leads to its own steps). On each page: no server error,
no broken link, no console or CSP error, axe-core (WCAG 2.1 A/AA) finds nothing; on the first page of each kind,
the page does not scroll sideways at 320 px. The demo is loaded once; the four walks share it. The pages walked
and the time spent are written to test-artifacts/public-crawl.txt.
"""

import os
import re
import time
from urllib.parse import urldefrag, urljoin, urlparse, urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import timezone

from participe.core.demo_content import DEMO_PASSWORD
from participe.instances import demo
from participe.instances.models import Instance
from participe.instances.scoping import in_instance
from participe.projects.models import Step
from tests.conftest import make_user
from tests.journeys import accessibility
from tests.journeys.browser import ARTIFACTS

pytestmark = pytest.mark.browser

# Playwright's sync API runs an event loop in this thread; the ORM calls between browser steps stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CITIZEN = "camille@demo.participe.localhost"
OTHER_PARTICIPANT = "dominique@autre.participe.localhost"
# Pages walked per kind: the same view with other ids or filters adds time, not findings. Signed in, the pages
# are the same with participation forms: one of each kind.
PER_KIND = {"anonymous": 2, "signed-in": 1}
UNCAPPED = {"projects:detail"}
LIMIT = 300  # pages per walk, a guard against a link generator gone wild
NOT_PUBLIC = ("/gestion/", "/admin/", "/platform/", "/media/", "/static/", "/i18n/", "/accounts/logout/")
FILES = re.compile(
    r"\.(ics|csv|xlsx|ods|pdf|zip|xml|txt|json|geojson|png|jpe?g|webp|avif|svg)$|/(feeds?|exports?|downloads?)/"
)
TILES = "https://tile.openstreetmap.org/**"  # no network in the suite: the maps draw their offline background
# axe-core as the journeys run it (accessibility.py), violations only: the passes of every node are not needed here
# and serialising them doubles the time of each page.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": accessibility.WCAG_TAGS}, "resultTypes": ["violations"]}


def kind(path, instance):
    """The URL name of a path; for a step page, the URL name and the step's type (None: not a page of ours)."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    if match.view_name == "projects:step":
        with in_instance(instance):
            step = Step.objects.filter(
                project__slug=match.kwargs["project_slug"], slug=match.kwargs["step_slug"]
            )
            return f"projects:step:{step.values_list('type', flat=True).first()}"
    return match.view_name


def public_links(page, base):
    """Same-host links of the page that lead to public pages (a relative path with its query)."""
    host = urlsplit(base).netloc
    found = []
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
        url, _ = urldefrag(urljoin(page.url, href.strip()))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != host:
            continue
        if parts.path.startswith(NOT_PUBLIC) or FILES.search(parts.path):
            continue
        found.append(parts.path + ("?" + parts.query if parts.query else ""))
    return found


class Walk:
    """One browser context going through the public site of one instance, as one visitor."""

    def __init__(self, browser, base, instance, label, email=None):
        from axe_playwright_python.sync_playwright import Axe

        self.base, self.instance, self.label, self.email = base.rstrip("/"), instance, label, email
        self.per_kind = PER_KIND["signed-in" if email else "anonymous"]
        self.context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        self.context.route(TILES, lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.axe = Axe()
        self.errors, self.problems, self.visited, self.reflowed = [], [], {}, set()
        self.timing = {"load": 0.0, "axe": 0.0, "reflow": 0.0}
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"script error: {error}"))
        self.page.on("response", self._response)

    def _console(self, message):
        text = message.text
        if message.type == "error" and not text.startswith("Failed to load resource"):
            self.errors.append(f"console: {text}")

    def _response(self, response):
        if response.request.resource_type == "document" or response.url.endswith("/favicon.ico"):
            return
        if response.status >= 400:
            self.errors.append(f"{response.status} on {response.url}")

    def sign_in(self):
        self.page.goto(self.base + "/accounts/login/")
        self.page.fill("#id_email", self.email)
        self.page.fill("#id_password", DEMO_PASSWORD)
        with self.page.expect_navigation():
            self.page.click("main form[method=post] button[type=submit]")
        assert "/accounts/login/" not in self.page.url, f"{self.email} could not sign in on {self.base}"

    def _lap(self, phase, started):
        now = time.monotonic()
        self.timing[phase] += now - started
        return now

    def visit(self, path, page_kind):
        """Loads one page and checks it; returns the page's public links (none when it is not an HTML page)."""
        self.errors.clear()
        started = time.monotonic()
        try:
            response = self.page.goto(self.base + path)
        except Exception as error:  # a link answering with a file starts a download instead of a page
            if "Download is starting" in str(error):
                return []
            raise
        status = response.status if response else 0
        if status >= 400:
            self.problems.append(f"{path}: HTTP {status}")
            return []
        if not (response.headers.get("content-type") or "").startswith("text/html"):
            return []
        self.page.wait_for_load_state("load")
        started = self._lap("load", started)
        violations = self.axe.run(self.page, options=AXE_OPTIONS).response["violations"]
        if violations:
            self.problems.append(f"{path} (axe)\n{accessibility.describe(violations)}")
        started = self._lap("axe", started)
        if page_kind not in self.reflowed:
            self.reflowed.add(page_kind)
            self.page.set_viewport_size({"width": 320, "height": 640})
            if accessibility.horizontal_overflow(self.page) > 0:
                self.problems.append(accessibility.overflow_report(self.page))
            self.page.set_viewport_size({"width": 1280, "height": 900})
        self._lap("reflow", started)
        self.problems += [f"{path}: {error}" for error in self.errors]
        return public_links(self.page, self.base)

    def walk(self, start="/"):
        if self.email:
            self.sign_in()
        counts, queue, queued = {}, [(start, kind(start, self.instance))], {start}
        while queue and len(self.visited) < LIMIT:
            path, page_kind = queue.pop(0)
            self.visited[path] = page_kind
            for link in self.visit(path, page_kind):
                link_kind = kind(link, self.instance) if link not in queued else None
                if link_kind is None:
                    continue
                if link_kind not in UNCAPPED and counts.get(link_kind, 0) >= self.per_kind:
                    continue
                counts[link_kind] = counts.get(link_kind, 0) + 1
                queued.add(link)
                queue.append((link, link_kind))
        self.context.close()
        return self

    def summary(self):
        kinds = len(set(self.visited.values()))
        spent = ", ".join(f"{phase} {seconds:.0f} s" for phase, seconds in self.timing.items())
        return f"{self.label}: {len(self.visited)} pages of {kinds} kinds ({spent})"


@pytest.fixture
def demo_site(transactional_db, live_server, settings):
    """The demo loaded on the live server: the main instance answers on localhost, the other on autre.localhost
    (Chromium sends *.localhost to this machine). The other instance gets a participant of its own."""
    settings.PUBLIC_PORT = urlparse(live_server.url).port
    for _line in demo.load(now=timezone.now()):
        pass
    other = Instance.objects.get(slug="autre")
    make_user(other, OTHER_PARTICIPANT, password=DEMO_PASSWORD, display_name="Dominique Petit")
    return Instance.objects.get(slug="demo"), other, urlparse(live_server.url).port


def test_the_public_site_of_both_demo_instances_passes_axe_signed_out_and_signed_in(demo_site, browser):
    main, other, port = demo_site
    main_url, other_url = f"http://localhost:{port}", f"http://autre.localhost:{port}"
    started = time.monotonic()
    walks = [
        Walk(browser, base, instance, label, email).walk()
        for base, instance, label, email in (
            (main_url, main, "main-anonymous", None),
            (main_url, main, "main-citizen", CITIZEN),
            (other_url, other, "other-anonymous", None),
            (other_url, other, "other-participant", OTHER_PARTICIPANT),
        )
    ]
    report = (
        "\n".join(walk.summary() for walk in walks) + f"\n{time.monotonic() - started:.0f} s in the browser"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "public-crawl.txt").write_text(
        report
        + "\n\n"
        + "\n".join(f"{w.label} {path} {k}" for w in walks for path, k in w.visited.items())
        + "\n"
    )
    print("\n" + report)
    problems = [f"[{walk.label}] {problem}" for walk in walks for problem in walk.problems]
    assert not problems, f"{len(problems)} problems:\n" + "\n\n".join(problems)
    # The main site has projects with a step of every type, a blog, an agenda, pages and the account pages.
    kinds = set(walks[0].visited.values()) | set(walks[1].visited.values())
    expected = {
        "core:home", "projects:list", "projects:detail", "website:events", "website:event", "website:posts",
        "website:post", "website:page", "search:search", "accounts:login", "accounts:profile",
    } | {f"projects:step:{type_}" for type_ in ("presentation", "consultation", "debate", "collect", "questionnaire", "votation")}  # fmt: skip
    assert expected <= kinds, f"not reached: {sorted(expected - kinds)}\n{report}"
    assert len(walks[2].visited) >= 5 and len(walks[3].visited) >= 5, report
