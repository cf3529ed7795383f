"""Resolve the request's host to its instance and serve the whole request inside its scope."""

from django.conf import settings
from django.http import HttpResponseNotFound
from django.utils import timezone

from participe.instances.resolver import instance_for_host
from participe.instances.scoping import in_instance

UNKNOWN_HOST_BODY = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>'
    b"<body><main><h1>Not found</h1></main></body></html>"
)


class InstanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # get_host() also applies ALLOWED_HOSTS; the raw header would let anything through.
        instance = instance_for_host(request.get_host())
        if instance is None:
            return HttpResponseNotFound(UNKNOWN_HOST_BODY)
        request.instance = instance
        # Dates are shown and entered in the instance's time zone (step states turn at its midnight).
        timezone.activate(instance.tz)
        try:
            with in_instance(instance):
                return self.get_response(request)
        finally:
            timezone.deactivate()


class InstanceLanguageMiddleware:
    """Visitors who chose no language see the instance's default one, not the browser's guess."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = request.instance.default_language
        return self.get_response(request)
