"""`site_languages` and `language_next` for the header's switch, `hreflang_links` for the page's <head>."""

from participe.translations.languages import PARAMETER, offered


def _path(request, code):
    """This page's path and query, its `lang` parameter set to `code` (or removed)."""
    query = request.GET.copy()
    query.pop(PARAMETER, None)
    if code:
        query[PARAMETER] = code
    encoded = query.urlencode()
    return request.path + (f"?{encoded}" if encoded else "")


def _url(request, code):
    return request.build_absolute_uri(_path(request, code))


def languages(request):
    instance = getattr(request, "instance", None)
    if instance is None:
        return {}
    choices = offered(instance)
    if len(choices) < 2:
        return {"site_languages": choices, "hreflang_links": []}
    # The switch goes back to this page without `lang=`, which would otherwise win over the new choice.
    context = {"site_languages": choices, "language_next": _path(request, None), "hreflang_links": []}
    if request.method == "GET":
        context["hreflang_links"] = [(code, _url(request, code)) for code, _name in choices]
        context["hreflang_links"].append(("x-default", _url(request, None)))
    return context
