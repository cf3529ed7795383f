"""Which language a request is served in, among those the instance offers.

In order: `?lang=xx` in the address (hreflang links use it: the site has no language prefixes), the visitor's
choice kept in the language cookie (set by the header's switch, and at login from the account), the browser's
preference, then the instance's default language. A language the instance does not offer is never used.
"""

from django.conf import settings
from django.utils.translation import get_language_info

PARAMETER = "lang"


def offered(instance):
    """[(code, local name)] of the instance's languages, its default one first."""
    known = dict(settings.LANGUAGES)
    return [
        (code, get_language_info(code)["name_local"])
        for code in instance.offered_languages()
        if code in known
    ]


def _accepted(header):
    """The primary language codes of an Accept-Language header, the preferred first."""
    choices = []
    for position, part in enumerate(header.split(",")[:20]):
        code, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        code = code.strip().lower().split("-")[0]
        if code and code != "*" and quality > 0:
            choices.append((-quality, position, code))
    return [code for _q, _p, code in sorted(choices)]


def requested(request):
    """The `?lang=` code of the request if the instance offers it, else None."""
    code = request.GET.get(PARAMETER, "")
    return code if code in request.instance.offered_languages() else None


def choose(request):
    codes = request.instance.offered_languages()
    asked = requested(request)
    if asked:
        return asked
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if cookie in codes:
        return cookie
    for code in _accepted(request.headers.get("Accept-Language", "")):
        if code in codes:
            return code
    return codes[0]
