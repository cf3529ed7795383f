"""The one rate-limit helper, on django-ratelimit's counters (shared through the cache).

Keys are prefixed with the instance, so the same e-mail on two instances has two counters.
"""

from django.conf import settings
from django_ratelimit.core import get_usage


def client_ip(request):
    return request.META.get(settings.RATELIMIT_IP_META_KEY) or request.META.get("REMOTE_ADDR", "")


def _usage(request, group, key, rate, increment):
    scoped_key = f"{getattr(request, 'instance', None) and request.instance.pk}:{key}"
    return get_usage(request, group=group, key=lambda _group, _request: scoped_key, rate=rate, increment=increment)


def over_limit(request, group, key, rate, increment=True):
    """Count one hit for `key` in `group`; True once hits exceed `rate` (e.g. '10/h', '5/900s')."""
    usage = _usage(request, group, key, rate, increment)
    return usage is not None and usage["should_limit"]


def limit_reached(request, group, key, rate):
    """True when `key` already has as many hits as `rate` allows, without counting one more."""
    usage = _usage(request, group, key, rate, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]
