"""Password guessing is throttled in the shared cache, per account and per IP, without locking the owner out.

Finding 10: the lock-out was counted per worker process (10 tries instead of 5; 30 simultaneous attempts got
16 passwords checked) and locked out the right password for 15 minutes. Password checks are counted where the
login form calls `authenticate`.
"""

import re
import socket
import threading
import time

import pytest
from django.test import RequestFactory

from participe.accounts import forms as account_forms
from participe.accounts import throttle
from participe.accounts.forms import LoginForm
from tests.conftest import PASSWORD
from tests.parallel import start_and_join

LOGIN = "/accounts/login/"


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved by hand."""
    now = [1_000_000.0]
    monkeypatch.setattr(throttle.time, "time", lambda: now[0])
    return now


@pytest.fixture
def checks(monkeypatch):
    """Counts the passwords the login form checks; every check fails after a short hashing time."""
    counted, lock = [], threading.Lock()

    def authenticate(request, email, password):
        time.sleep(0.01)
        with lock:
            counted.append((email, password))

    monkeypatch.setattr(account_forms, "authenticate", authenticate)
    return counted


def _request(instance, ip="192.0.2.1"):
    request = RequestFactory().post(LOGIN, REMOTE_ADDR=ip)
    request.instance = instance
    return request


def _attempt(instance, email, password="wrong", ip="192.0.2.1"):
    form = LoginForm(_request(instance, ip), {"email": email, "password": password})
    return form.is_valid(), form.locked


def test_thirty_simultaneous_attempts_check_at_most_the_free_ones(instance_a, checks, settings):
    start = threading.Barrier(30, timeout=30)

    def attempt(index):
        start.wait()
        _attempt(instance_a, "participant@a.test", f"guess-{index}")

    start_and_join(30, attempt)
    assert 1 <= len(checks) <= settings.LOGIN_FAILURES_PER_ACCOUNT


def test_simultaneous_attempts_through_redis_check_at_most_the_free_ones(
    instance_a, checks, settings, monkeypatch
):
    """The same through the Redis cache every process shares (skipped when no Redis answers)."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis answering on 127.0.0.1:6379")
    from participe.core import ratelimit
    from participe.core.cache import ParticipeRedisCache

    shared = ParticipeRedisCache("redis://127.0.0.1:6379/12", {"KEY_PREFIX": "h3-login-throttle"})
    shared.clear()
    monkeypatch.setattr(throttle, "cache", shared)
    monkeypatch.setattr(ratelimit, "cache", shared)
    start = threading.Barrier(30, timeout=30)

    def attempt(index):
        start.wait()
        _attempt(instance_a, "participant@a.test", f"guess-{index}", ip=f"192.0.2.{index}")

    try:
        start_and_join(30, attempt)
    finally:
        shared.clear()
    assert 1 <= len(checks) <= settings.LOGIN_FAILURES_PER_ACCOUNT


def test_sequential_guesses_wait_longer_and_longer(instance_a, checks, clock, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT, settings.LOGIN_DELAY_BASE, settings.LOGIN_DELAY_MAX = 5, 15, 600
    for _ in range(30):
        _attempt(instance_a, "participant@a.test")
    assert len(checks) == 5  # then waits: refused without a check
    waits = []
    for _ in range(8):
        try:
            throttle.check_password(_request(instance_a), "participant@a.test", lambda: None)
            raise AssertionError("checked inside the wait")
        except throttle.Wait as wait:
            waits.append(wait.seconds)
        clock[0] += waits[-1]
        throttle.check_password(
            _request(instance_a), "participant@a.test", lambda: None
        )  # one guess, after the wait
    assert waits == [15, 30, 60, 120, 240, 480, 600, 600]


def test_a_guesser_gets_a_handful_of_tries_per_hour(instance_a, clock):
    checked = []
    for _ in range(3600):  # one try a second for an hour
        try:
            throttle.check_password(_request(instance_a), "participant@a.test", lambda: checked.append(1))
        except throttle.Wait:
            pass
        clock[0] += 1
    assert len(checked) <= 20
    checked.clear()
    for _ in range(3600):  # the hour after: the longest wait between tries
        try:
            throttle.check_password(_request(instance_a), "participant@a.test", lambda: checked.append(1))
        except throttle.Wait:
            pass
        clock[0] += 1
    assert len(checked) <= 6


def test_the_right_password_works_after_the_short_wait(client_a, participant_a, clock, settings):
    for attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        assert (
            client_a.post(LOGIN, {"email": "participant@a.test", "password": f"wrong-{attempt}"}).status_code
            == 400
        )
    refused = client_a.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD})
    assert refused.status_code == 429
    page = refused.content.decode()
    assert (
        f"réessayez dans {settings.LOGIN_DELAY_BASE} secondes" in page
        and 'value="participant@a.test"' in page
    )
    clock[0] += settings.LOGIN_DELAY_BASE  # seconds, not 15 minutes
    assert client_a.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD}).status_code == 302
    # Success forgets the failures: the next session starts with free attempts again.
    client_a.post("/accounts/logout/")
    assert client_a.post(LOGIN, {"email": "participant@a.test", "password": "wrong"}).status_code == 400
    assert client_a.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD}).status_code == 302


def test_one_ip_is_limited_across_many_accounts(instance_a, checks, settings):
    limit = int(settings.RATE_LIMITS["login-ip"].split("/")[0])
    for number in range(limit + 10):
        _attempt(instance_a, f"guess{number}@a.test")
    assert len(checks) == limit
    _attempt(instance_a, "guess0@a.test", ip="198.51.100.7")  # another address still gets its try
    assert len(checks) == limit + 1


def test_successful_logins_do_not_use_up_the_ip_allowance(client_a, participant_a, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-ip": "3/15m"}
    for _ in range(5):  # a shared office address: many people log in
        assert client_a.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD}).status_code == 302
        client_a.post("/accounts/logout/")


def test_refusals_say_the_same_for_unknown_addresses(client_a, participant_a, clock, settings):
    pages = {}
    for email in ("participant@a.test", "nobody@a.test"):
        for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
            client_a.post(LOGIN, {"email": email, "password": "wrong"})
        response = client_a.post(LOGIN, {"email": email, "password": "wrong"})
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        pages[email] = (response.status_code, page.replace(email, "EMAIL"))
    assert pages["participant@a.test"] == pages["nobody@a.test"]
    assert pages["nobody@a.test"][0] == 429


def test_throttles_are_per_instance(client_a, client_b, participant_a, instance_b, settings):
    from tests.conftest import make_user

    make_user(instance_b, "participant@a.test")
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        client_a.post(LOGIN, {"email": "participant@a.test", "password": "wrong"})
    assert client_b.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD}).status_code == 302


def test_a_known_browser_is_not_slowed_by_guesses_elsewhere(instance_a, participant_a, clock, settings):
    from tests.conftest import host_client

    owner = host_client("a.test")
    assert owner.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD}).status_code == 302
    assert owner.cookies[throttle.DEVICE_COOKIE]["httponly"]
    owner.post("/accounts/logout/")
    guesser = host_client("a.test")
    for attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT + 3):
        guesser.post(
            LOGIN, {"email": "participant@a.test", "password": f"wrong-{attempt}"}, REMOTE_ADDR="203.0.113.9"
        )
    assert guesser.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD}).status_code == 429
    assert owner.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD}).status_code == 302
    # A known browser still gets delays for its own failures, and a forged cookie counts for nothing.
    owner.post("/accounts/logout/")
    for attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        assert (
            owner.post(LOGIN, {"email": "participant@a.test", "password": f"mine-{attempt}"}).status_code
            == 400
        )
    assert owner.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD}).status_code == 429
    forged = host_client("a.test")
    forged.cookies[throttle.DEVICE_COOKIE] = "not-signed"
    assert forged.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD}).status_code == 429
