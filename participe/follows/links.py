"""The signed 'stop following' link put in every e-mail about a followed object (works without a login)."""

from django.urls import reverse

from participe.core.links import absolute_url, sign, unsign

PURPOSE = "unfollow"
MAX_AGE = 60 * 60 * 24 * 365


def unfollow_token(user, content_type_id, object_id):
    return sign(PURPOSE, {"i": user.instance_id, "u": user.pk, "c": content_type_id, "o": object_id})


def unfollow_url(user, content_type_id, object_id):
    path = reverse("follows:stop", args=[unfollow_token(user, content_type_id, object_id)])
    return absolute_url(user.instance, path)


def read_unfollow_token(token, instance):
    payload = unsign(PURPOSE, token, max_age=MAX_AGE)
    if not payload or payload.get("i") != instance.pk:
        return None
    return payload
