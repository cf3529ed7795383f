"""Links that keep the visitor's place: page links that keep the query string, and breadcrumb trails."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def url_with(context, *pairs, base="", **changes):
    """`?` and the current query string with some parameters set, the others kept (escaped on output).

    {% url_with page=2 %}; {% url_with param 2 %} when the parameter's name is a variable;
    `base` starts from that query string instead of the request's; an empty value removes the parameter.
    """
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("url_with takes parameter names and values in pairs.")
    if base:
        query = QueryDict(str(base), mutable=True)
    else:
        request = getattr(context, "request", None) or context.get("request")
        query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for name, value in [*zip(pairs[::2], pairs[1::2], strict=True), *changes.items()]:
        if value is None or value == "":
            query.pop(name, None)
        else:
            query[name] = str(value)
    return "?" + query.urlencode()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*parts):
    """{% breadcrumbs label url label url … label %}: the trail to this page, the last label being the page itself.

    A pair whose label is empty is left out, so a template can pass a level that does not apply (None).
    """
    pairs = zip(parts[::2], [*parts[1::2], ""][: (len(parts) + 1) // 2], strict=True)
    return {"items": [(label, url) for label, url in pairs if label not in (None, "")]}
