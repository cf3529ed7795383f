"""Fixtures shared by the whole suite: two instances, accounts with each role, host-bound clients."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from participe.accounts.models import User
from participe.instances.scoping import in_instance
from participe.instances.services import create_instance

PASSWORD = "Correct-Horse-Battery-42"


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    """Each test starts with an empty cache (rate-limit counters), nothing remembered by the process
    (participe.core.recent) and its own media folder."""
    from participe.core.recent import forget_all

    cache.clear()
    forget_all()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    yield
    cache.clear()
    forget_all()


@pytest.fixture
def later(monkeypatch):
    """Moves the clock of what the process remembers (participe.core.recent) by some seconds."""
    from participe.core import recent

    offset = [0.0]
    real = recent._clock
    monkeypatch.setattr(recent, "_clock", lambda: real() + offset[0])

    def move(seconds):
        offset[0] += seconds

    return move


@pytest.fixture
def instance_a(db):
    instance, _ = create_instance("Ville A", ["a.test"], slug="ville-a", user_types=["Habitant", "Association"])
    return instance


@pytest.fixture
def instance_b(db):
    instance, _ = create_instance("Ville B", ["b.test"], slug="ville-b")
    return instance


def make_user(instance, email, password=PASSWORD, confirmed=True, **fields):
    from django.utils import timezone

    with in_instance(instance):
        user = User.objects.create_user(
            email,
            password,
            instance=instance,
            display_name=fields.pop("display_name", email.split("@")[0]),
            email_confirmed_at=timezone.now() if confirmed else None,
            **fields,
        )
    return user


@pytest.fixture
def make_account():
    return make_user


def host_client(host, user=None):
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user, backend="participe.accounts.backends.InstanceEmailBackend")
    return client


@pytest.fixture
def client_a(instance_a):
    return host_client("a.test")


@pytest.fixture
def client_b(instance_b):
    return host_client("b.test")


@pytest.fixture
def participant_a(instance_a):
    return make_user(instance_a, "participant@a.test", display_name="Participant A")


@pytest.fixture
def admin_a(instance_a):
    return make_user(instance_a, "admin@a.test", display_name="Admin A", is_instance_admin=True)


@pytest.fixture
def moderator_a(instance_a):
    return make_user(instance_a, "moderator@a.test", display_name="Moderator A", is_moderator=True)


@pytest.fixture
def participant_b(instance_b):
    return make_user(instance_b, "participant@b.test", display_name="Participant B")


@pytest.fixture
def admin_b(instance_b):
    return make_user(instance_b, "admin@b.test", display_name="Admin B", is_instance_admin=True)


@pytest.fixture
def scope_a(instance_a):
    with in_instance(instance_a):
        yield instance_a


@pytest.fixture
def scope_b(instance_b):
    with in_instance(instance_b):
        yield instance_b


@pytest.fixture
def english():
    """Runs the test in English (for `pytest.mark.usefixtures("english")`)."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def browser():
    """The session's one Chromium, shared by the journeys and any other browser check.

    One per process: two of Playwright's sync drivers in one worker refuse to start ("Sync API inside the asyncio
    loop"), so no test module may define its own.
    """
    from tests.journeys.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make browsers` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# The longest files first: with `--dist loadfile` they start at once on every worker instead of leaving one
# worker alone with a long journey at the end of the run. Minutes measured on 2 cores (bench/RESULTS.md has none:
# only the order matters, not the figures).
LONGEST_FIRST = [
    "tests/journeys/test_organiser_whole_journey.py",
    "tests/journeys/test_accessibility.py",
    "tests/site/test_public_crawl.py",
    "tests/security/test_cross_instance.py",
    "tests/gestion/test_crawl.py",
    "tests/journeys/test_form_builder_journey.py",
    "tests/journeys/test_gestion_journey.py",
]


def pytest_collection_modifyitems(config, items):
    """Every test that opens the browser is marked `browser` (the PostgreSQL run of CI leaves them to the SQLite
    run: they check what a browser shows, the database is checked by the rest of the suite on both); the longest
    files are moved to the front."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    rank = {path: position for position, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))
