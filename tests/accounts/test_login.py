import pytest
from django.test import override_settings

from tests.conftest import PASSWORD, host_client, make_user

LOGIN = "/accounts/login/"


def test_login_with_email_and_password_rotates_the_session(client_a, participant_a):
    client_a.get(LOGIN)
    client_a.session.save()
    before = client_a.session.session_key
    response = client_a.post(LOGIN, {"email": "Participant@A.test", "password": PASSWORD})
    assert response.status_code == 302
    assert client_a.session.session_key != before
    assert int(client_a.session["_auth_user_id"]) == participant_a.pk


def test_wrong_password_is_a_clear_message(client_a, participant_a):
    response = client_a.post(LOGIN, {"email": "participant@a.test", "password": "wrong"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Adresse e-mail ou mot de passe incorrect" in page
    assert 'value="participant@a.test"' in page  # what was typed is kept


def test_credentials_of_another_instance_do_not_open_this_one(client_a, participant_b, instance_a):
    response = client_a.post(LOGIN, {"email": "participant@b.test", "password": PASSWORD})
    assert response.status_code == 400
    assert "_auth_user_id" not in client_a.session


def test_a_session_of_instance_b_is_anonymous_on_instance_a(participant_b, instance_a):
    client = host_client("b.test", participant_b)
    client.defaults["HTTP_HOST"] = "a.test"
    page = client.get("/accounts/me/")
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_banned_account_cannot_log_in(client_a, instance_a):
    make_user(instance_a, "banned@a.test", is_banned=True)
    assert client_a.post(LOGIN, {"email": "banned@a.test", "password": PASSWORD}).status_code == 400


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=3, LOGIN_DELAY_BASE=20)
def test_after_repeated_failures_the_right_password_waits_a_little(client_a, participant_a, monkeypatch):
    from participe.accounts import throttle

    now = [1_000_000.0]
    monkeypatch.setattr(throttle.time, "time", lambda: now[0])
    for _ in range(3):
        assert client_a.post(LOGIN, {"email": "participant@a.test", "password": "nope"}).status_code == 400
    response = client_a.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode() and "20 secondes" in response.content.decode()
    assert "_auth_user_id" not in client_a.session
    now[0] += 20
    assert client_a.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD}).status_code == 302


def test_ip_locks_after_failures_across_accounts(client_a, instance_a, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-ip": "4/15m"}
    for number in range(4):
        client_a.post(LOGIN, {"email": f"guess{number}@a.test", "password": "nope"})
    assert client_a.post(LOGIN, {"email": "other@a.test", "password": "x"}).status_code == 429


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=2)
def test_lockout_on_one_instance_does_not_lock_the_same_email_elsewhere(client_a, client_b, instance_a, instance_b):
    make_user(instance_a, "same@example.org")
    make_user(instance_b, "same@example.org")
    for _ in range(2):
        client_a.post(LOGIN, {"email": "same@example.org", "password": "nope"})
    assert client_b.post(LOGIN, {"email": "same@example.org", "password": PASSWORD}).status_code == 302


def test_next_is_followed_only_when_local(client_a, participant_a):
    response = client_a.post(LOGIN, {"email": "participant@a.test", "password": PASSWORD, "next": "/accounts/me/"})
    assert response["Location"] == "/accounts/me/"
    client_a.post("/accounts/logout/")
    response = client_a.post(
        LOGIN, {"email": "participant@a.test", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_logout_needs_a_post(instance_a, participant_a):
    client = host_client("a.test", participant_a)
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/accounts/me/", "/accounts/me/email/", "/accounts/me/export.json", "/accounts/me/delete/"])
def test_account_pages_need_login(client_a, path):
    response = client_a.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
