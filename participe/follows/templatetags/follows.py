from django import template
from django.contrib.contenttypes.models import ContentType

from participe.follows.models import Level
from participe.follows.services import follow_of
from participe.participation.registry import participation

register = template.Library()


@register.inclusion_tag("follows/button.html", takes_context=True)
def follow_button(context, obj):
    """{% follow_button obj %}: a plain form to follow or unfollow obj (one query for the current state)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = obj is not None and participation.is_declared(obj, "followable")
    current = follow_of(user, obj) if shown and user is not None else None
    return {
        "shown": shown,
        "obj": obj,
        "user": user,
        "request": request,
        "content_type_id": ContentType.objects.get_for_model(obj, for_concrete_model=True).pk if shown else None,
        "current": current,
        "levels": Level.choices,
        "csrf_token": context.get("csrf_token"),
    }
