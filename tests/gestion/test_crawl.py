"""The whole back office of the demo, walked link by link as its administrator.

From the dashboard, every /gestion/ link of the same host is followed (GET only): no page answers with a server
error, no form asks for JSON or raw HTML, and the administrator of the other demo instance gets 403 or 404 on every
page naming one of this instance's objects. The browser pass runs axe-core on one page of each kind.
"""

import os
import re
from html import unescape
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.utils import timezone

from participe.accounts.models import User
from participe.core.demo_content import DEMO_PASSWORD
from participe.instances import demo
from participe.instances.models import Instance
from participe.instances.scoping import in_instance
from tests.conftest import host_client
from tests.security.crawl import body_text

HOST = "localhost"
OTHER_HOST = "autre.localhost"
ADMIN = "admin@demo.participe.localhost"
OTHER_ADMIN = "admin@autre.participe.localhost"
PER_KIND = 3  # pages walked per kind of URL (the same view with other ids adds nothing but time)
LIMIT = 600

HREF = re.compile(r"""href\s*=\s*["']([^"'#]*)""")
TEXTAREA = re.compile(r"<textarea\b[^>]*>", re.IGNORECASE)
NAME = re.compile(r"""\bname\s*=\s*["']([^"']*)""")
DESCRIBED_BY = re.compile(r"""aria-describedby\s*=\s*["']([^"']*)""")
ASKS_FOR_CODE = re.compile(r"\b(json|html)\b", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def kind(url):
    """The view a URL reaches, its ids and query values left out: /gestion/projects/12/?page=2 → /gestion/projects/N/?page."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/N", parts.path)
    path = re.sub(r"/[0-9a-f]{8}-[0-9a-f-]{27}(?=/|$)", "/U", path)
    # `lang` (the language alternates of every page) shows the same view in another language: not another kind.
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair} - {"lang"})
    return path + ("?" + "&".join(keys) if keys else "")


def gestion_links(base, html):
    for href in HREF.findall(html):
        url, _ = urldefrag(urljoin(base, unescape(href.strip())))
        parts = urlsplit(url)
        if parts.netloc not in ("", HOST) or not parts.path.startswith("/gestion/"):
            continue
        yield parts.path + ("?" + parts.query if parts.query else "")


def code_fields(html):
    """Textareas whose name or help text speaks of JSON or HTML: what organisers must never be asked to type."""
    found = []
    for tag in TEXTAREA.findall(html):
        name = (NAME.search(tag) or [None, ""])[1]
        help_text = ""
        for described in (DESCRIBED_BY.search(tag) or [None, ""])[1].split():
            match = re.search(rf"""id=["']{re.escape(described)}["'][^>]*>(.*?)</""", html, re.DOTALL)
            help_text += " " + TAG.sub("", match[1]) if match else ""
        if ASKS_FOR_CODE.search(name.replace("_", " ")) or ASKS_FOR_CODE.search(help_text):
            found.append(f"{name}: {help_text.strip()}")
    return found


def crawl(client, start="/gestion/"):
    """{url: status} of the back-office pages reachable from `start` (PER_KIND of each kind), the problems found
    and the URLs answering with an HTML page (not a file to download)."""
    seen_kinds, statuses, problems, html_pages, queue = {}, {}, [], [], [start]
    while queue and len(statuses) < LIMIT:
        url = queue.pop(0)
        if url in statuses:
            continue
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        html = body_text(response)
        html_pages.append(url)
        problems += [f"{url}: asks for code in {field}" for field in code_fields(html)]
        for link in gestion_links(url, html):
            if link in statuses or link in queue:
                continue
            if seen_kinds.setdefault(kind(link), 0) >= PER_KIND:
                continue
            seen_kinds[kind(link)] += 1
            queue.append(link)
    return statuses, problems, html_pages


@pytest.fixture
def demo_instances(db):
    for _line in demo.load(now=timezone.now()):
        pass
    main, other = Instance.objects.get(slug="demo"), Instance.objects.get(slug="autre")
    with in_instance(main):
        admin = User.objects.get(email=ADMIN)
    with in_instance(other):
        other_admin = User.objects.get(email=OTHER_ADMIN)
    return admin, other_admin


def test_every_back_office_page_of_the_demo_answers_and_stays_in_its_instance(demo_instances):
    admin, other_admin = demo_instances
    client = host_client(HOST, admin)
    client.cookies["django_language"] = "fr"
    statuses, problems, _ = crawl(client)
    assert not problems, "\n".join(problems)
    reached = [url for url, status in statuses.items() if status == 200]
    # The demo has projects, steps, module editors, moderation, participants and exports to walk through.
    assert len(reached) > 60, sorted(statuses)
    for section in ("/gestion/projects/", "/gestion/moderation/", "/gestion/participants/", "/gestion/exports/"):
        assert any(url.startswith(section) for url in reached), f"nothing reached under {section}"
    # A proposal's own page (analysis, decision, assignment), linked from the lists and the contributions table.
    assert any(kind(url) == "/gestion/proposals/N/" for url in reached), "no proposal page reached"

    other = host_client(OTHER_HOST, other_admin)
    leaks = []
    for url in reached:
        if re.search(r"/\d+(/|$)", urlsplit(url).path):
            status = other.get(url).status_code
            if status not in (403, 404):
                leaks.append(f"{url}: {status}")
    assert not leaks, "the other instance's administrator reaches:\n" + "\n".join(leaks)


# The browser pass ---------------------------------------------------------------------------------------------------
from tests.journeys import accessibility  # noqa: E402

# Pages worth a picture in the organisers' guide (docs/organisers/README.md), by kind of URL.
PICTURES = {
    "/gestion/": "gestion-tableau-de-bord",
    "/gestion/projects/": "gestion-projets",
    "/gestion/moderation/": "gestion-moderation",
    "/gestion/participants/": "gestion-participants",
    "/gestion/exports/": "gestion-exports",
}
PICTURES_DIR = Path(__file__).resolve().parents[2] / "docs" / "organisers" / "img"


@pytest.fixture
def live_demo(transactional_db, live_server, demo_instances):
    return live_server.url


def test_every_kind_of_back_office_page_passes_axe(live_demo, demo_instances, browser):  # noqa: F811
    admin, _ = demo_instances
    client = host_client(HOST, admin)
    _, _, html_pages = crawl(client)
    pages = {}
    for url in html_pages:
        pages.setdefault(kind(url), url)
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_demo + "/accounts/login/")
    page.fill("#id_email", ADMIN)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    failures = []
    for url in pages.values():
        page.goto(live_demo + url)
        violations = accessibility.run_axe(page, f"gestion-crawl:{kind(url)}")
        if violations:
            failures.append(f"{url}\n{accessibility.describe(violations)}")
        if os.environ.get("SCREENSHOTS") == "1" and url in PICTURES:
            PICTURES_DIR.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=PICTURES_DIR / f"{PICTURES[url]}.png")
    context.close()
    assert len(pages) > 30
    assert not failures, "\n\n".join(failures)
