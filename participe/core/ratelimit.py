"""The one rate-limit helper: fixed-window hit counters in the shared cache.

Each group's rate is declared in one table, `settings.RATE_LIMITS` ("10/h", "5/900s"); callers name
the group and the key (an account, an IP, an address). Keys are prefixed with the instance, so the same e-mail on two instances has two counters. On
Redis one hit is one round trip (a script that counts and, on the window's first hit, sets the
expiry); django-ratelimit took three, and Django's `incr` (EXISTS then INCR) could recreate a key
that had just expired without any expiry, a counter that then never resets.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

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


def rate_of(group):
    """The group's rate from settings.RATE_LIMITS; a group missing there is a programming error."""
    try:
        return settings.RATE_LIMITS[group]
    except KeyError:
        raise ImproperlyConfigured(f"rate limit group {group!r} is not declared in settings.RATE_LIMITS") from None


def _hits(request, group, key, increment):
    limit, period = parse_rate(rate_of(group))
    cache_key = _window_key(request, group, key, period)
    hits = _count_hit(cache_key, period) if increment else cache.get(cache_key, 0)
    return hits, limit


def over_limit(request, group, key, *, increment=True):
    """Count one hit for `key` in `group`; True once hits exceed the group's rate."""
    if not settings.RATELIMIT_ENABLE:
        return False
    hits, limit = _hits(request, group, key, increment)
    return hits > limit


def limit_reached(request, group, key):
    """True when `key` already has as many hits as the group's rate allows, without counting one more."""
    if not settings.RATELIMIT_ENABLE:
        return False
    hits, limit = _hits(request, group, key, increment=False)
    return hits >= limit


def seconds_left(group):
    """Seconds until the group's current window closes (a refused client may try again then)."""
    _limit, period = parse_rate(rate_of(group))
    return max(1, int(period - time.time() % period))


def give_back(request, group, key):
    """Take back one hit counted for `key` (an attempt that turned out legitimate)."""
    if not settings.RATELIMIT_ENABLE:
        return
    _limit, period = parse_rate(rate_of(group))
    try:
        cache.decr(_window_key(request, group, key, period))
    except ValueError:  # the window closed meanwhile
        pass
