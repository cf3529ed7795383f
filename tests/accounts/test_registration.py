import re

import pytest
from django.core import mail, signing
from django.test import override_settings

from participe.accounts.models import User
from participe.accounts.tokens import CONFIRM_SALT, make_email_token
from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, host_client, make_user

REGISTER = "/accounts/register/"


def _form(**overrides):
    data = {
        "email": "new@example.org",
        "display_name": "Nouvelle Personne",
        "user_type": "Habitant",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


def _link_in(message):
    return re.search(r"https?://[^\s\"<]+/accounts/confirm/[^\s\"<]+/", message.body).group(0)


def test_register_sends_confirmation_then_the_login_page(client_a, instance_a):
    response = client_a.post(REGISTER, _form(next="/projects/"))
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=%2Fprojects%2F"
    with in_instance(instance_a):
        user = User.objects.get(email="new@example.org")
    assert not user.email_confirmed and user.user_type == "Habitant"
    assert user.password.startswith(("argon2", "md5"))  # hashed, never stored in clear
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.org"]
    assert "a.test" in _link_in(message)
    assert message.alternatives and "text/html" in message.alternatives[0][1]
    # Not logged in by the form (its answer must not differ for an address that has an account):
    # the login page says where the mail went, and the new password opens the account at once.
    page = client_a.get(response["Location"]).content.decode()
    assert "_auth_user_id" not in client_a.session and "new@example.org" in page
    assert client_a.post("/accounts/login/", {"email": "new@example.org", "password": PASSWORD}).status_code == 302


def test_confirmation_link_confirms_the_address(client_a, instance_a):
    client_a.post(REGISTER, _form())
    response = client_a.get(_link_in(mail.outbox[0]).split("a.test")[1])
    assert response.status_code == 302
    with in_instance(instance_a):
        assert User.objects.get(email="new@example.org").email_confirmed


def test_confirmation_sends_the_signal(client_a, instance_a):
    from participe.accounts.signals import email_confirmed

    received = []

    def receiver(sender, user, **kwargs):
        received.append(user.email)

    email_confirmed.connect(receiver)
    try:
        client_a.post(REGISTER, _form())
        client_a.get(_link_in(mail.outbox[0]).split("a.test")[1])
    finally:
        email_confirmed.disconnect(receiver)
    assert received == ["new@example.org"]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"email": "not-an-address"}, "email", "Saisissez une adresse de courriel valide"),
        ({"password2": "Something-Else-42"}, "password2", "Les deux mots de passe sont différents"),
        ({"password1": "short", "password2": "short"}, "password1", "trop court"),
        ({"password1": "password123", "password2": "password123"}, "password1", "trop courant"),
        ({"accept_terms": ""}, "accept_terms", "Ce champ est obligatoire"),
        ({"display_name": ""}, "display_name", "Ce champ est obligatoire"),
    ],
)
def test_bad_input_gets_a_clear_french_message_and_keeps_what_was_typed(client_a, overrides, field, message):
    response = client_a.post(REGISTER, _form(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'href="#id_{field}"' in page  # the error summary links to the field
    assert 'value="Nouvelle Personne"' in page or field == "display_name"
    assert len(mail.outbox) == 0


def test_bad_input_in_english(client_a):
    client_a.cookies["django_language"] = "en"
    response = client_a.post(REGISTER, _form(password2="Other-Password-42"))
    assert "The two passwords differ." in response.content.decode()


def test_the_same_email_registers_on_another_instance(client_b, participant_a, instance_b):
    response = client_b.post(REGISTER, _form(email="participant@a.test"))
    assert response.status_code == 302
    with in_instance(instance_b):
        assert User.objects.filter(email="participant@a.test").exists()


def test_registration_closed(client_a, instance_a):
    instance_a.registration_open = False
    instance_a.save()
    assert client_a.get(REGISTER).status_code == 403
    assert client_a.post(REGISTER, _form()).status_code == 403


def test_registration_is_rate_limited_per_ip(client_a):
    for number in range(10):
        client_a.post(REGISTER, _form(email=f"n{number}@example.org"))
    response = client_a.post(REGISTER, _form(email="eleventh@example.org"))
    assert response.status_code == 429
    assert "Trop de requêtes" in response.content.decode()


@pytest.mark.parametrize("token", ["garbage", "a" * 80])
def test_wrong_token_is_explained(client_a, token):
    response = client_a.get(f"/accounts/confirm/{token}/")
    assert response.status_code == 400
    assert "Ce lien ne fonctionne pas" in response.content.decode()


def test_expired_token_is_explained(client_a, instance_a):
    user = make_user(instance_a, "late@a.test", confirmed=False)
    token = make_email_token(user, user.email)
    with override_settings(ACCOUNT_CONFIRMATION_MAX_AGE=-1):
        response = client_a.get(f"/accounts/confirm/{token}/")
    assert response.status_code == 400
    assert "a expiré" in response.content.decode()


def test_a_token_of_another_instance_is_worthless(client_a, instance_b):
    user_b = make_user(instance_b, "someone@b.test", confirmed=False)
    token = make_email_token(user_b, user_b.email)
    assert client_a.get(f"/accounts/confirm/{token}/").status_code == 400
    assert host_client("b.test").get(f"/accounts/confirm/{token}/").status_code == 302


def test_a_forged_token_is_refused(client_a, instance_a):
    user = make_user(instance_a, "forge@a.test", confirmed=False)
    forged = signing.dumps({"i": instance_a.pk, "u": user.pk, "e": user.email}, salt=CONFIRM_SALT, key="not-the-key")
    assert client_a.get(f"/accounts/confirm/{forged}/").status_code == 400


def test_resend_confirmation_is_rate_limited(instance_a):
    user = make_user(instance_a, "resend@a.test", confirmed=False)
    client = host_client("a.test", user)
    for _ in range(3):
        assert client.post("/accounts/confirm-again/").status_code == 302
    assert client.post("/accounts/confirm-again/").status_code == 429
    assert len(mail.outbox) == 3
