"""Writes that attract abuse answer 429 with a clear page once over their limit.

One row per endpoint: modules add theirs (votes, contributions, comments, reports) as they land.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from participe.core import ratelimit
from tests.conftest import host_client


@dataclass(frozen=True)
class Limited:
    name: str
    url: str | Callable  # a path, or a function(world) → path
    data: Callable  # function(attempt number) → POST data
    allowed: int | Callable  # attempts that go through before the 429 (a number or a function of settings)
    actor: str | None = None  # a role of the world, None for anonymous
    clear_text: tuple = ("Too many", "Trop de")  # English, French
    # Per-minute limits run in fixed windows a slow run can straddle: tests swap them for hourly ones
    # in settings.RATE_LIMITS (group → rate).
    rates: dict | None = None
    method: str = "post"

    def path(self, world):
        return self.url(world) if callable(self.url) else self.url

    def allowance(self):
        return self.allowed() if callable(self.allowed) else self.allowed


def _registration(n):
    return {
        "email": f"spammer{n}@a.test",
        "display_name": f"Spammer {n}",
        "password1": "Unguessable-Pass-9421",
        "password2": "Unguessable-Pass-9421",
        "accept_terms": "on",
    }


LIMITED = [
    Limited(
        "login (per account)",
        "/accounts/login/",
        lambda n: {"email": "participant@a.test", "password": f"wrong-{n}"},
        lambda: settings.LOGIN_FAILURES_PER_ACCOUNT,
    ),
    Limited("registration (per address)", "/accounts/register/", _registration, 10),
    Limited("password reset (per address)", "/accounts/password-reset/", lambda n: {"email": f"x{n}@a.test"}, 10),
    Limited(
        "vote (per account)",
        lambda world: _vote_path(world.comment),
        lambda n: {"value": "1"},
        12,
        actor="other",
        clear_text=("voted too many times", "voté trop de fois"),
        rates={"vote": "12/h"},
    ),
]


def _vote_path(target):
    return f"/votes/{_content(target)}/"


def _content(target):
    from django.contrib.contenttypes.models import ContentType

    return f"{ContentType.objects.get_for_model(target).pk}/{target.pk}"


def _refused_now(reason):
    return pytest.mark.xfail(strict=True, reason=reason)


MODULE_LIMITED = [
    Limited(
        "comment (per account)",
        lambda world: f"/comments/{_content(world.opinion)}/",
        lambda n: {"body": f"Commentaire numéro {n} sur le projet"},
        10,
        actor="participant",
        clear_text=("too many comments", "trop de commentaires"),
        rates={"comment": "10/h"},
    ),
    Limited(
        "consultation opinion (per account)",
        lambda world: f"/consultation/section/{world.section.pk}/propose/",
        lambda n: {"title": f"Proposition {n}", "body": f"<p>Un nouvel article numéro {n}</p>"},
        30,
        actor="participant",
        clear_text=("written a lot in a short time", "beaucoup écrit en peu de temps"),
    ),
    Limited(
        "consultation amendment (per account)",
        lambda world: f"/consultation/opinion/{world.opinion.pk}/amend/",
        lambda n: {"title": f"Amendement {n}", "body": f"<p>Texte amendé numéro {n}</p>", "explanation": "Mieux."},
        30,
        actor="participant",
        clear_text=("written a lot in a short time", "beaucoup écrit en peu de temps"),
    ),
    Limited(
        "consultation argument (per account)",
        lambda world: f"/consultation/opinion/{world.opinion.pk}/argue/",
        lambda n: {"side": "for" if n % 2 else "against", "body": f"Argument numéro {n}"},
        30,
        actor="participant",
        clear_text=("written a lot in a short time", "beaucoup écrit en peu de temps"),
    ),
    Limited(
        "consultation source (per account)",
        lambda world: f"/consultation/amendment/{world.amendment.pk}/source/",
        lambda n: {"title": f"Source {n}", "category": "website", "link": f"https://example.org/{n}"},
        30,
        actor="participant",
        clear_text=("written a lot in a short time", "beaucoup écrit en peu de temps"),
    ),
    Limited(
        "proposal submission (per account)",
        lambda world: f"/proposals/step/{world.collect_step.pk}/new/",
        lambda n: {"title": f"Des bancs publics numéro {n}", "summary": "Pour s’asseoir", "body": "<p>Des bancs.</p>"},
        10,
        actor="other",
        clear_text=("submitted many proposals", "déposé beaucoup de propositions"),
    ),
    Limited(
        "proposal ballot (per account)",
        lambda world: f"/proposals/step/{world.collect_step.pk}/ballot/",
        lambda n: {"proposal": "0", "action": "add"},
        60,
        actor="participant",
        clear_text=("Too many changes in a short time", "Trop de changements en peu de temps"),
        rates={"proposal-ballot": "60/h"},
    ),
    Limited(
        "questionnaire reply (per account)",
        lambda world: f"/questionnaires/{world.questionnaire.pk}/reply/",
        lambda n: {"action": "save"},
        300,
        actor="moderator",
        clear_text=("Too many attempts", "Trop de tentatives"),
    ),
    Limited(
        "follow (per account)",
        lambda world: f"/follows/{_content(world.project)}/",
        lambda n: {"level": "essential"},
        60,
        actor="participant",
        clear_text=("Too many requests", "Trop de demandes"),
        rates={"follow": "60/h"},
    ),
    Limited(
        "report (per account)",
        lambda world: f"/moderation/report/{_content(world.comment)}/",
        lambda n: {"reason": "offensive", "text": f"Signalement {n}"},
        20,
        actor="moderator",
        clear_text=("many reports in a short time", "beaucoup de signalements en peu de temps"),
    ),
    Limited(
        "search (per address)",
        "/search/",
        lambda n: {"q": f"projet {n}"},
        120,
        clear_text=("too many attempts", "trop de tentatives"),
        rates={"search": "120/h"},
        method="get",
    ),
]

# Endpoints that count and refuse over the limit, but answer something else than a 429 page: the fix
# is in the view (answer 429 with the message on the page, as comments and consultation writes do).
ANSWERS_WITHOUT_429 = {}  # every endpoint answers 429 today; a regression goes here with its reason

LIMITED = LIMITED + [
    pytest.param(row, marks=_refused_now(ANSWERS_WITHOUT_429[row.name])) if row.name in ANSWERS_WITHOUT_429 else row
    for row in MODULE_LIMITED
]


def _name(limited):
    return limited.name


@pytest.mark.parametrize("limited", LIMITED, ids=_name)
def test_over_the_limit_answers_429_with_a_clear_page(limited, world_a, settings, monkeypatch):
    # Fixed windows: a test that runs across the turn of an hour would start a new window halfway through.
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, **(limited.rates or {})}
    client = host_client("a.test", world_a.people[limited.actor] if limited.actor else None)
    send = getattr(client, limited.method)
    path = limited.path(world_a)
    for attempt in range(limited.allowance()):
        response = send(path, limited.data(attempt))
        assert response.status_code != 429, f"{limited.name}: refused at attempt {attempt + 1}"
        if limited.actor is None and limited.method == "post":
            client.logout()  # registration logs the new account in
    for language, text in zip(("en", "fr"), limited.clear_text, strict=True):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = send(path, limited.data(limited.allowance()))
        assert response.status_code == 429, f"{limited.name}: {response.status_code} once over the limit"
        main = response.content.decode().split("<main", 1)[1]
        assert "<h1>" in main and text.lower() in main.lower(), f"{language}: {text!r} not in {main[:800]}"


def test_inside_the_login_wait_even_the_right_password_is_refused(world_a):
    client = host_client("a.test")
    for attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        client.post("/accounts/login/", {"email": "participant@a.test", "password": f"wrong-{attempt}"})
    from tests.conftest import PASSWORD

    response = client.post("/accounts/login/", {"email": "participant@a.test", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_limits_are_per_instance(world_a, world_b):
    for attempt in range(10):
        host_client("a.test").post("/accounts/password-reset/", {"email": f"x{attempt}@a.test"})
    assert host_client("b.test").post("/accounts/password-reset/", {"email": "x@b.test"}).status_code == 302


def test_rates_are_read_as_hits_per_period():
    from participe.core.ratelimit import parse_rate

    assert parse_rate("10/h") == (10, 3600)
    assert parse_rate("5/900s") == (5, 900)
    assert parse_rate("120/m") == (120, 60)
    assert parse_rate("3/2d") == (3, 2 * 86400)
    for wrong in ("ten/h", "10", "10/x", "10/1.5m"):
        with pytest.raises(ValueError):
            parse_rate(wrong)


def test_a_window_opens_again_once_its_period_is_over(monkeypatch, rf, settings):
    from participe.core import ratelimit

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "window-test": "2/m"}
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    request = rf.post("/")
    assert [ratelimit.over_limit(request, "window-test", "k") for _ in range(3)] == [False, False, True]
    now[0] += 60
    assert not ratelimit.over_limit(request, "window-test", "k")


def test_rate_limits_can_be_switched_off_for_benchmarks(settings, rf):
    from participe.core.ratelimit import limit_reached, over_limit

    settings.RATELIMIT_ENABLE = False
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "off-test": "1/h"}
    request = rf.post("/")
    assert not any(over_limit(request, "off-test", "k") for _ in range(3))
    assert not limit_reached(request, "off-test", "k")


def test_every_rate_is_declared_in_the_one_table(rf):
    """No view carries its own rate: a group missing from settings.RATE_LIMITS is a configuration error."""
    from django.core.exceptions import ImproperlyConfigured

    from participe.core.ratelimit import over_limit, parse_rate

    for group, rate in settings.RATE_LIMITS.items():
        assert parse_rate(rate), group
    with pytest.raises(ImproperlyConfigured):
        over_limit(rf.post("/"), "undeclared-group", "k")
    with pytest.raises(TypeError):  # a rate written in the call is refused, not silently ignored
        over_limit(rf.post("/"), "search", "k", "1/h")
    calls = re.compile(r'(?:over_limit|limit_reached|give_back|seconds_left)\(\s*(?:[\w.]+,\s*)?"([\w-]+)"')
    sources = (Path(__file__).resolve().parents[2] / "participe").rglob("*.py")
    used = {group for path in sources for group in calls.findall(path.read_text())}
    assert used == set(settings.RATE_LIMITS), "groups used in the code and declared in settings.RATE_LIMITS differ"


def test_operators_override_rates_by_group(monkeypatch):
    from participe.env import env_rates

    monkeypatch.setenv("RATE_LIMITS_OVERRIDES", "search=300/m, comment=20/h")
    assert env_rates("RATE_LIMITS_OVERRIDES", {"search": "120/m", "comment": "10/m", "vote": "1/s"}) == {
        "search": "300/m",
        "comment": "20/h",
        "vote": "1/s",
    }
    for wrong in ("nosuchgroup=1/h", "search=fast", "search"):
        monkeypatch.setenv("RATE_LIMITS_OVERRIDES", wrong)
        with pytest.raises(ValueError):
            env_rates("RATE_LIMITS_OVERRIDES", {"search": "120/m"})
