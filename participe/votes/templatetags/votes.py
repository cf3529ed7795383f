"""`{% load votes %}{% vote_widget obj %}`: the vote buttons of one object, a plain form first.

In lists, call `participe.votes.services.annotate_my_votes(user, objects)` once before
rendering: each widget then reads `obj.my_vote` instead of asking the database.
"""

import uuid

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from participe.participation.registry import participation
from participe.votes import access
from participe.votes.kinds import kind_of
from participe.votes.services import my_votes
from participe.votes.widget import render_widget

register = template.Library()

_UNKNOWN = object()


def widget_context(request, obj, mine, next_url=None):
    kind = kind_of(obj)
    total = obj.votes_total or 0
    choices = []
    offset = 0.0
    for choice in kind.choices:
        count = getattr(obj, choice.counter) if choice.counter else total
        share = round(100 * count / total, 1) if total else 0
        choices.append(
            {
                "value": choice.value,
                "label": choice.label,
                "chosen_label": choice.chosen_label,
                "count": count,
                "share": share,
                "offset": offset,
                "pressed": mine == choice.value,
                "css": f"vote-{kind.key}-{choice.value}".replace("--", "-minus-"),
            }
        )
        offset += share
    return {
        "request": request,
        "kind": kind,
        "choices": choices,
        "total": total,
        "open": access.step_is_open_for(obj, kind),
        "show_split": len(kind.choices) > 1,
        # Counts hidden until a date (a secret vote): the widget shows the buttons and my vote only.
        "secret": bool((secret := participation.features(obj).votes_secret) and secret(obj)),
        "action": reverse("votes:vote", args=[ContentType.objects.get_for_model(obj).pk, obj.pk]),
        "next": next_url or request.get_full_path(),
        "idempotency_key": uuid.uuid4().hex,
    }


@register.simple_tag(takes_context=True)
def vote_widget(context, obj):
    request = context["request"]
    mine = getattr(obj, "my_vote", _UNKNOWN)
    if mine is _UNKNOWN:
        mine = my_votes(request.user, [obj]).get(obj.pk)
    with_assets = not getattr(request, "_vote_assets_sent", False)
    request._vote_assets_sent = True
    return render_widget(widget_context(request, obj, mine), context.get("csrf_token"), with_assets)
