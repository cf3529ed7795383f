"""Sign-up and e-mail change answer the same whether an address has an account; its owner is told by e-mail.

Findings 7 and 11: the e-mail change form said whether an address had an account even with a wrong password,
unthrottled, and sent confirmation mails to any address; the sign-up form said "an account already uses
this address".
"""

import re

from django.core import mail

from participe.accounts.models import User
from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, host_client, make_user

REGISTER = "/accounts/register/"
CHANGE = "/accounts/me/email/"


def _registration(email):
    return {
        "email": email,
        "display_name": "Quelqu'un",
        "password1": "Another-Strong-Pass-93",
        "password2": "Another-Strong-Pass-93",
        "accept_terms": "on",
    }


def _visible(response, *addresses):
    """What the visitor sees: status, where it leads, the page without its CSRF token and the typed address."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    for address in addresses:
        page = page.replace(address, "ADDRESS")
    return response.status_code, response.get("Location"), page


def _sign_up(email):
    client = host_client("a.test")
    response = client.post(REGISTER, _registration(email))
    return _visible(response), _visible(client.get(response["Location"]), email)


def test_sign_up_answers_the_same_for_an_address_with_an_account(participant_a):
    assert _sign_up("participant@a.test") == _sign_up("nobody-yet@a.test")


def test_the_owner_is_told_and_nothing_changes_on_the_account(participant_a):
    host_client("a.test").post(REGISTER, _registration("Participant@A.test"))
    with in_instance(participant_a.instance):
        assert User.objects.filter(email="participant@a.test").count() == 1
        assert User.objects.get(pk=participant_a.pk).check_password(PASSWORD)
    [notice] = mail.outbox
    assert notice.to == ["participant@a.test"]
    assert "Quelqu’un a tenté de créer un compte avec votre adresse" in notice.subject
    assert "http://a.test/accounts/password-reset/" in notice.body and "/accounts/confirm/" not in notice.body
    # The one who filled the form cannot log in with the password they chose.
    refused = host_client("a.test").post(
        "/accounts/login/", {"email": "participant@a.test", "password": "Another-Strong-Pass-93"}
    )
    assert refused.status_code == 400


def test_sign_up_notices_to_one_address_are_rate_limited(participant_a, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "register-address": "2/h"}
    for number in range(4):
        response = host_client("a.test").post(
            REGISTER, _registration("participant@a.test"), REMOTE_ADDR=f"192.0.2.{number}"
        )
        assert response.status_code == 302  # the same answer, whatever the count
    assert len(mail.outbox) == 2


def _change(user, new_email, password=PASSWORD, ip="192.0.2.1"):
    client = host_client("a.test", user)
    response = client.post(CHANGE, {"new_email": new_email, "password": password}, REMOTE_ADDR=ip)
    if response.status_code == 302:  # the next page is the account's own: only its message is compared
        page = client.get(response["Location"]).content.decode()
        return _visible(response), re.findall(r'<p class="message[^"]*">([^<]*)</p>', page)
    return _visible(response, new_email)


def test_a_wrong_password_is_only_a_wrong_password_whatever_the_address(instance_a, participant_a):
    make_user(instance_a, "taken@a.test")
    taken = _change(participant_a, "taken@a.test", password="wrong")
    free = _change(participant_a, "free@a.test", password="wrong")
    assert taken == free
    assert taken[0] == 400 and "Mot de passe incorrect" in taken[2] and "Un compte utilise" not in taken[2]
    assert mail.outbox == []


def test_changing_to_an_address_with_an_account_answers_as_for_a_free_one(instance_a, participant_a):
    owner = make_user(instance_a, "taken@a.test")
    other = make_user(instance_a, "other@a.test")
    assert _change(participant_a, "taken@a.test") == _change(other, "free@a.test")
    with in_instance(instance_a):
        assert User.objects.get(pk=participant_a.pk).pending_email == ""  # nothing to confirm
    notice, confirmation = mail.outbox
    assert notice.to == [owner.email] and "/accounts/confirm/" not in notice.body
    assert "Quelqu’un a tenté de rattacher un compte à votre adresse" in notice.subject
    assert confirmation.to == ["free@a.test"] and "/accounts/confirm/" in confirmation.body


def test_email_change_is_rate_limited_per_account(instance_a, participant_a, settings):
    for number in range(int(settings.RATE_LIMITS["email-change-account"].split("/")[0])):
        assert _change(participant_a, f"n{number}@a.test", password="wrong")[0] == 400
    assert _change(participant_a, "last@a.test")[0] == 429  # even with the right password now
    assert mail.outbox == []


def test_email_change_is_rate_limited_per_ip(instance_a, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "email-change-ip": "3/h"}
    people = [make_user(instance_a, f"p{n}@a.test") for n in range(4)]
    assert [_change(person, f"new{n}@a.test", password="wrong")[0] for n, person in enumerate(people)] == [
        400,
        400,
        400,
        429,
    ]


def test_confirmation_mails_to_one_address_are_rate_limited(instance_a, settings):
    people = [make_user(instance_a, f"p{n}@a.test") for n in range(5)]
    for number, person in enumerate(people):
        assert _change(person, "target@example.org", ip=f"192.0.2.{number}")[0][0] == 302
    limit = int(settings.RATE_LIMITS["email-change-address"].split("/")[0])
    assert [m.to for m in mail.outbox] == [["target@example.org"]] * limit
