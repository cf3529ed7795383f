"""One-click moderation links in moderators' e-mails: signed, expiring, bound to instance, moderator, case and action."""

from django.urls import reverse

from participe.core.links import absolute_url, sign, unsign

PURPOSE = "moderation.oneclick"
MAX_AGE = 60 * 60 * 24 * 3
ACTIONS = ("approve", "hide", "trash")


def action_token(moderator, case, action):
    return sign(PURPOSE, {"i": case.instance_id, "m": moderator.pk, "c": case.pk, "a": action})


def action_url(moderator, case, action):
    return absolute_url(moderator.instance, reverse("moderation:one_click", args=[action_token(moderator, case, action)]))


def read_action_token(token):
    payload = unsign(PURPOSE, token, max_age=MAX_AGE)
    if not payload or payload.get("a") not in ACTIONS:
        return None
    return payload
