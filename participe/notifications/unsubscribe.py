"""Signed 'stop these e-mails' links (RFC 8058 one-click): they work by POST, without a login."""

from django.urls import reverse

from participe.core.links import absolute_url, sign, unsign

PURPOSE = "unsubscribe"
MAX_AGE = 60 * 60 * 24 * 365


def unsubscribe_url(instance, user, kind):
    token = sign(PURPOSE, {"i": instance.pk, "u": user.pk, "k": kind})
    return absolute_url(instance, reverse("notifications:unsubscribe", args=[token]))


def read_unsubscribe_token(token, instance):
    payload = unsign(PURPOSE, token, max_age=MAX_AGE)
    if not payload or payload.get("i") != instance.pk:
        return None
    return payload


def list_unsubscribe_headers(url):
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
