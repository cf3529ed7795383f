"""Signed, expiring tokens for e-mail confirmation and e-mail change.

A token names the instance, the account and the address it confirms, so a link
from one instance's e-mail is worthless on another and an address changed since
the e-mail was sent no longer confirms.
"""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "participe.accounts.confirm-email"


class InvalidToken(Exception):
    pass


class ExpiredToken(InvalidToken):
    pass


def make_email_token(user, email):
    return signing.dumps({"i": user.instance_id, "u": user.pk, "e": email}, salt=CONFIRM_SALT, compress=True)


def read_email_token(token, instance):
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.ACCOUNT_CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ExpiredToken from exc
    except signing.BadSignature as exc:
        raise InvalidToken from exc
    if data.get("i") != instance.pk:
        raise InvalidToken
    return data["u"], data["e"]
