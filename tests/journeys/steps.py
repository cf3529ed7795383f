"""Steps many journeys share: reading the e-mail a person received, logging in and out."""

import re

from django.core import mail

LINK = re.compile(r"https?://[^\s\"<>]+")


def last_link_sent_to(address, containing):
    """The link containing `containing` in the last e-mail sent to `address` (text part)."""
    for message in reversed(mail.outbox):
        if address in message.to:
            for link in LINK.findall(message.body):
                if containing in link:
                    return link
            raise AssertionError(f"no link with {containing!r} in the e-mail {message.subject!r}")
    raise AssertionError(f"no e-mail sent to {address}")


def link_ever_sent_to(address, containing):
    """The link containing `containing` in the latest e-mail to `address` that has one (other e-mails may follow)."""
    for message in reversed(mail.outbox):
        if address in message.to:
            for link in LINK.findall(message.body):
                if containing in link:
                    return link
    raise AssertionError(f"no e-mail to {address} with a link containing {containing!r}")


def log_in(journey, email, password):
    journey.press("nav.account-nav a[href^='/accounts/login/']", checkpoint="login")
    journey.fill("#id_email", email)
    journey.fill("#id_password", password)
    journey.submit()
    assert journey.sees("nav.account-nav a[href='/accounts/me/']"), f"not logged in at {journey.path}"


def log_out(journey):
    journey.press("nav.account-nav form[action='/accounts/logout/'] button")
    assert journey.sees("nav.account-nav a[href^='/accounts/login/']"), "still logged in"
