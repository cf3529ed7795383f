"""Resolve the request's host to its instance and serve the whole request inside its scope."""

import logging

from django.core.exceptions import DisallowedHost
from django.db import DataError
from django.http import HttpResponseBadRequest, HttpResponseNotFound
from django.utils import timezone

from participe.core.views import bad_request
from participe.instances.resolver import instance_for_host
from participe.instances.scoping import in_instance

UNKNOWN_HOST_BODY = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>'
    b"<body><main><h1>Not found</h1></main></body></html>"
)
BAD_HOST_BODY = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title></head>'
    b"<body><main><h1>Bad request</h1></main></body></html>"
)

logger = logging.getLogger("participe.security")


class InstanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # get_host() also applies ALLOWED_HOSTS; the raw header would let anything through.
        try:
            host = request.get_host()
        except DisallowedHost as refused:
            # Scanners send these all day: a warning line, not an error with its traceback.
            logger.warning("Refused host: %s", str(refused)[:300])
            return HttpResponseBadRequest(BAD_HOST_BODY)
        instance = instance_for_host(host)
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

    def process_exception(self, request, exception):
        """A number beyond the database's integers (e.g. `?category=99999999999999999999` on SQLite), or a NUL
        byte PostgreSQL refuses in a text lookup, is a malformed request, whichever parameter carried it."""
        if isinstance(exception, OverflowError) or (isinstance(exception, DataError) and "NUL" in str(exception)):
            return bad_request(request, exception)
        return None

