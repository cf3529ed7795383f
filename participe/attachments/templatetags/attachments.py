from django import template

from participe.attachments.models import Attachment

register = template.Library()


@register.inclusion_tag("attachments/list.html")
def attachment_list(obj):
    """{% attachment_list obj %}: the files attached to obj (one query). Lists should prefetch instead."""
    return {"items": list(Attachment.objects.of(obj))}
