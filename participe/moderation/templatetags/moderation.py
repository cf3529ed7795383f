from django import template
from django.contrib.contenttypes.models import ContentType

from participe.participation.registry import participation

register = template.Library()


@register.inclusion_tag("moderation/report_link.html", takes_context=True)
def report_link(context, obj):
    """{% report_link obj %}: a link to the report form, for signed-in participants, where reporting is on."""
    request = context.get("request")
    instance = getattr(request, "instance", None)
    user = getattr(request, "user", None)
    shown = bool(
        obj is not None
        and instance is not None
        and instance.has_feature("reporting")
        and participation.is_declared(obj, "reportable")
        and user is not None
        and user.is_authenticated
        and getattr(obj, "author_id", None) != user.pk
    )
    return {
        "shown": shown,
        "obj": obj,
        "content_type_id": ContentType.objects.get_for_model(obj, for_concrete_model=True).pk if shown else None,
    }


@register.inclusion_tag("moderation/placeholder.html")
def moderation_placeholder(obj):
    """{% moderation_placeholder obj %}: what lists show instead of hidden content, with the public reason."""
    return {"reason": getattr(obj, "moderation_reason", "")}
