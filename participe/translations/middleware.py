"""Serve each request in the language `languages.choose` picks, and remember a choice made by address or login."""

from django.conf import settings
from django.utils import translation

from participe.translations.languages import choose, requested


def remember(response, code):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LanguageMiddleware:
    """After Django's LocaleMiddleware: the same cookie, limited to the instance's languages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = choose(request)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        # A login may have chosen the account's language meanwhile (accounts' login hook).
        keep = getattr(request, "remember_language", None) or requested(request)
        if keep and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != keep:
            remember(response, keep)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
