"""Fixtures of the browser journeys: the live server with an instance on its host, the browser, a Journey.

Journeys skip cleanly when Debian's Chromium is missing (`make browsers` installs it).
"""

import os
import shutil
from urllib.parse import urlparse

import pytest

from tests.journeys import accessibility
from tests.journeys.browser import MODES, Journey

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    if not hasattr(config, "workerinput") and accessibility.AXE_DIR.exists():
        shutil.rmtree(accessibility.AXE_DIR)  # results of this run only


def pytest_sessionfinish(session):
    accessibility.save_results()
    if not hasattr(session.config, "workerinput"):
        from tests.journeys import rgaa_report

        rgaa_report.write_report()


@pytest.fixture
def site(transactional_db, live_server, settings):
    """An instance answering on the live server's host (and its IP spellings); e-mail links name its port."""
    from participe.instances.services import create_instance

    host = urlparse(live_server.url).hostname
    settings.PUBLIC_PORT = urlparse(live_server.url).port
    domains = list(dict.fromkeys([host, "localhost", "127.0.0.1"]))
    instance, _ = create_instance("Ville de Test", domains, slug="ville-de-test", contact_email="contact@example.org")
    return instance


def _context(browser, mode, **options):
    return browser.new_context(
        java_script_enabled=mode != "nojs", locale="fr-FR", viewport={"width": 1280, "height": 900}, **options
    )


@pytest.fixture(params=MODES)
def mode(request):
    return request.param


@pytest.fixture
def journey(request, browser, site, live_server, mode):
    """A fresh browser context (no cookies) in the mode of the test; closed at the end."""
    context = _context(browser, mode)
    page = context.new_page()
    page.set_default_timeout(15_000)
    name = request.node.originalname.removeprefix("test_")
    journey = Journey(page, mode, name, live_server.url, check_accessibility)
    yield journey
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        journey.screenshot("failed")
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """The call's report on the test item, for the journey fixture's picture of a failure."""
    report = yield
    if report.when == "call":
        item.report_call = report
    return report


_checked = set()


def check_accessibility(page, mode, label):
    """axe on each distinct page state once per session (with JS: axe is a script)."""
    if mode == "nojs":
        return
    key = (label.split(":", 1)[1], page.url.split("?")[0].rstrip("/").rsplit("/", 1)[0])
    if key in _checked:
        return
    _checked.add(key)
    violations = accessibility.run_axe(page, label)
    assert not violations, f"{page.url} ({label}) has accessibility violations:\n{accessibility.describe(violations)}"


@pytest.fixture
def new_page(browser):
    """Pages opened by the accessibility tests, with their own options (viewport, bypass_csp)."""
    contexts = []

    def open_page(mode="js", **options):
        context = _context(browser, mode, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()
