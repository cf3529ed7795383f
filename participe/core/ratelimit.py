"""The one rate-limit helper: fixed-window hit counters in the shared cache.

Keys are prefixed with the instance, so the same e-mail on two instances has two counters. On
Redis one hit is one round trip (a script that counts and, on the window's first hit, sets the
expiry); django-ratelimit took three, and Django's `incr` (EXISTS then INCR) could recreate a key
that had just expired without any expiry, a counter that then never resets.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

_SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


def parse_rate(rate):
    """'10/h' → (10, 3600); '5/900s' → (5, 900). A malformed rate is a programming error."""
    count, _, period = rate.partition("/")
    number, unit = period[:-1], period[-1:]
    if unit not in _SECONDS or not count.isdigit() or not (number == "" or number.isdigit()):
        raise ValueError(f"not a rate: {rate!r} (e.g. '10/h', '5/900s')")
    return int(count), int(number or 1) * _SECONDS[unit]


def client_ip(request):
    return request.META.get(settings.RATELIMIT_IP_META_KEY) or request.META.get("REMOTE_ADDR", "")


def _window_key(request, group, key, period):
    instance = getattr(request, "instance", None)
    scoped = f"{instance and instance.pk}:{group}:{key}"
    digest = hashlib.blake2b(scoped.encode(), digest_size=16).hexdigest()  # e-mails, IPs: any length, any character
    return f"rl:{group}:{digest}:{period}:{int(time.time() // period)}"


def _count_hit(cache_key, period):
    counting = getattr(cache, "incr_in_window", None)  # participe.core.cache.ParticipeRedisCache
    if counting is not None:
        return counting(cache_key, period)
    if cache.add(cache_key, 1, period):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired in between: this hit opens a new window
        cache.add(cache_key, 1, period)
        return 1


def _hits(request, group, key, rate, increment):
    limit, period = parse_rate(rate)
    cache_key = _window_key(request, group, key, period)
    hits = _count_hit(cache_key, period) if increment else cache.get(cache_key, 0)
    return hits, limit


def over_limit(request, group, key, rate, increment=True):
    """Count one hit for `key` in `group`; True once hits exceed `rate` (e.g. '10/h', '5/900s')."""
    if not settings.RATELIMIT_ENABLE:
        return False
    hits, limit = _hits(request, group, key, rate, increment)
    return hits > limit


def limit_reached(request, group, key, rate):
    """True when `key` already has as many hits as `rate` allows, without counting one more."""
    if not settings.RATELIMIT_ENABLE:
        return False
    hits, limit = _hits(request, group, key, rate, increment=False)
    return hits >= limit
