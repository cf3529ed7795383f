"""Whole pages cached for anonymous visitors, each visitor's CSRF token put back on the way out.

The view decides the key (everything the page shows that may change: counters, states, query string,
language) and renders with `csrf_token=token` in its context, so every form of the page carries that one
token; the cached copy holds a placeholder instead, filled per visitor on each hit.
"""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from participe.core.generations import generation

_VISITOR_TOKEN = "\x00csrf\x00"  # noqa: S105 - a placeholder, not a secret


def visitor_key(request, namespace, *parts):
    """The cache key of this page as anonymous visitors see it (instance, language, path and `parts`),
    or None when it must be rendered: a signed-in person, a write, a message waiting to be shown."""
    if request.user.is_authenticated or request.method != "GET" or len(messages.get_messages(request)):
        return None
    instance = getattr(request, "instance", None)
    # The instance's own fields (name, colours, logo, texts…) are part of every page: a change shows at once.
    settings = [getattr(instance, field.attname) for field in instance._meta.concrete_fields] if instance else None
    # So is the instance's generation: a purge (moderation, a project made private…) empties its pages at once.
    stamp = generation(instance.pk) if instance else ""
    fingerprint = repr((settings, stamp, get_language(), request.get_full_path(), parts))
    return f"page:{namespace}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"


def cached_page(request, key):
    """The cached page for `key` with this visitor's token, or None."""
    html = cache.get(key) if key else None
    if html is None:
        return None
    return HttpResponse(html.replace(_VISITOR_TOKEN, get_token(request)))


def store_page(key, response, token, seconds):
    if key and response.status_code == 200 and not response.streaming:
        cache.set(key, response.content.decode().replace(token, _VISITOR_TOKEN), seconds)
    return response
