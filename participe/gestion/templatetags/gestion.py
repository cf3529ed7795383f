from django import template
from django.urls import reverse

from participe.gestion.navigation import sections_for

register = template.Library()


@register.inclusion_tag("gestion/_navigation.html", takes_context=True)
def gestion_navigation(context):
    request = context["request"]
    current = request.path
    entries = []
    for section in sections_for(request.user):
        url = reverse(section.url_name)
        is_current = current == url if url.rstrip("/").endswith("gestion") else current.startswith(url)
        entries.append({"label": section.label, "url": url, "current": is_current})
    return {"entries": entries}
