"""Accounts, in a real browser: register and confirm, log in and out, change the profile, reset the password.

Each journey runs with JavaScript, without it, and with the keyboard only (the `mode` fixture).
"""

import pytest

from participe.accounts.models import User
from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.journeys.steps import last_link_sent_to, log_in, log_out

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Un-Mot-De-Passe-Solide-2031"


def _account(site, email):
    with in_instance(site):
        return User.objects.get(email=email)


def test_register_confirm_log_out_and_in(journey, site, mailoutbox):
    journey.visit("/", checkpoint="home")
    journey.press("nav.account-nav a[href='/accounts/register/']", checkpoint="register")

    # A first try with mistakes: the error summary shows, what was typed stays.
    journey.fill("#id_email", "camille@example.org")
    journey.fill("#id_display_name", "Camille Dupont")
    journey.fill("#id_password1", NEW_PASSWORD)
    journey.fill("#id_password2", "Pas-Le-Meme-Mot-De-Passe-1")
    journey.submit(checkpoint="register-errors")
    assert journey.sees("#error-summary")
    assert journey.sees("#error-summary a[href='#id_password2']")
    assert journey.sees("#error-summary a[href='#id_accept_terms']")
    assert journey.value("#id_email") == "camille@example.org"
    assert journey.value("#id_display_name") == "Camille Dupont"

    journey.fill("#id_password1", NEW_PASSWORD)
    journey.fill("#id_password2", NEW_PASSWORD)
    journey.tick("#id_accept_terms")
    # The same answer whether the address has an account or not: the login page, telling where the mail went.
    journey.submit(checkpoint="register-sent")
    assert journey.path == "/accounts/login/"
    assert not _account(site, "camille@example.org").email_confirmed

    journey.visit(last_link_sent_to("camille@example.org", "/accounts/confirm/"), checkpoint="confirmed")
    assert journey.path == "/accounts/login/"
    assert _account(site, "camille@example.org").email_confirmed

    log_in(journey, "camille@example.org", NEW_PASSWORD)
    log_out(journey)


def test_change_profile(journey, site):
    make_user(site, "dominique@example.org", display_name="Dominique")
    journey.visit("/")
    log_in(journey, "dominique@example.org", PASSWORD)
    journey.press("nav.account-nav a[href='/accounts/me/']", checkpoint="profile")

    journey.fill("#id_display_name", "Dominique Martin")
    journey.fill("#id_zip_code", "75<011>")
    journey.submit(checkpoint="profile-errors")
    assert journey.sees("#error-summary a[href='#id_zip_code']")
    assert journey.value("#id_display_name") == "Dominique Martin"
    assert journey.value("#id_zip_code") == "75<011>"

    journey.fill("#id_zip_code", "75011")
    journey.fill("#id_bio", "Habitante du quartier depuis 1998.")
    journey.submit(checkpoint="profile-saved")
    assert journey.sees(".message--success")
    account = _account(site, "dominique@example.org")
    assert (account.display_name, account.zip_code, account.bio) == (
        "Dominique Martin",
        "75011",
        "Habitante du quartier depuis 1998.",
    )


def test_reset_a_forgotten_password(journey, site, mailoutbox):
    make_user(site, "sacha@example.org", display_name="Sacha")
    journey.visit("/accounts/login/")
    journey.press("main a[href='/accounts/password-reset/']", checkpoint="password-reset")

    journey.fill("#id_email", "pas-une-adresse")
    journey.submit(checkpoint="password-reset-errors")
    assert journey.sees("#error-summary")
    assert journey.value("#id_email") == "pas-une-adresse"

    journey.fill("#id_email", "sacha@example.org")
    journey.submit(checkpoint="password-reset-sent")
    assert journey.path == "/accounts/password-reset/sent/"

    journey.visit(last_link_sent_to("sacha@example.org", "/accounts/password-reset/"), checkpoint="new-password")
    journey.fill("#id_new_password1", NEW_PASSWORD)
    journey.fill("#id_new_password2", NEW_PASSWORD)
    journey.submit(checkpoint="password-changed")
    assert journey.path == "/accounts/password-reset/done/"

    journey.visit("/")
    log_in(journey, "sacha@example.org", NEW_PASSWORD)
