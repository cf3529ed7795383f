"""Password guessing: progressive delays per account, a fixed window per IP, in the shared cache.

An account's first LOGIN_FAILURES_PER_ACCOUNT failures are free; then each attempt must wait
LOGIN_DELAY_BASE seconds after the last failure, doubling with every further failure up to
LOGIN_DELAY_MAX. An attempt inside the wait is refused without checking the password: the rightful
owner logs in once the short wait is over, a guesser gets a handful of tries per hour.

Checks of one account are serialised by an atomic claim (`cache.add`, SET NX on Redis) on its
failure count: many simultaneous attempts check one password, the others are told to wait. The
account is the address typed, whether it has an account or not, so refusals reveal nothing.

A browser that has logged in to the account before carries a signed cookie naming it (a known device):
its attempts count apart from everyone else's, so a guesser elsewhere does not slow its owner down.
"""

import hashlib
import math
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from participe.core.ratelimit import client_ip, give_back, over_limit, seconds_left

CLAIM_SECONDS = 30  # longer than any password check; a crashed check frees its claim after this
DEVICE_COOKIE = "participe_device"
DEVICE_SALT = "participe.accounts.known-device"
DEVICE_DAYS = 180


class Wait(Exception):
    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = seconds


def delay_after(failures):
    """Seconds to wait after the last failure when the account has `failures` of them."""
    extra = failures - settings.LOGIN_FAILURES_PER_ACCOUNT
    if extra < 0:
        return 0
    return min(settings.LOGIN_DELAY_BASE * 2 ** min(extra, 30), settings.LOGIN_DELAY_MAX)


def _account_key(request, email):
    instance = getattr(request, "instance", None)
    digest = hashlib.blake2b(f"{instance and instance.pk}:{email}".encode(), digest_size=16).hexdigest()
    return f"login-failures:{digest}"


def _known_device(request, account_key):
    """The id of this browser when it logged in to the account before (its signed cookie), else None."""
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value:
        return None
    try:
        data = signing.loads(value, salt=DEVICE_SALT, max_age=DEVICE_DAYS * 24 * 60 * 60)
    except signing.BadSignature:
        return None
    return data.get("d") if data.get("k") == account_key else None


def remember_device(request, response, email):
    """After a successful login: this browser's later attempts on the account count apart from others'."""
    account_key = _account_key(request, email.strip().lower())
    value = signing.dumps({"k": account_key, "d": secrets.token_hex(8)}, salt=DEVICE_SALT)
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_DAYS * 24 * 60 * 60,
        httponly=True,
        samesite="Lax",
        secure=settings.HTTPS,
    )


def check_password(request, email, check):
    """`check()` (the password check: an account or None) if `email` and this IP may try now; else raise Wait."""
    if not settings.RATELIMIT_ENABLE:
        return check()
    key = _account_key(request, email.strip().lower())
    if device := _known_device(request, key):
        key = f"{key}:device:{device}"
    failures, last = cache.get(key) or (0, 0.0)
    wait = last + delay_after(failures) - time.time()
    if wait > 0:
        raise Wait(math.ceil(wait))
    claim = f"{key}:claim:{failures}"
    if not cache.add(claim, 1, CLAIM_SECONDS):  # another attempt is being checked at this count
        raise Wait(max(1, delay_after(failures + 1)))
    ip = client_ip(request)
    if over_limit(request, "login-ip", ip):
        cache.delete(claim)
        raise Wait(seconds_left("login-ip"))
    user = check()
    if user is None:
        cache.set(key, (failures + 1, time.time()), settings.LOGIN_FAILURE_WINDOW)
    else:
        cache.delete_many([key, *(f"{key}:claim:{level}" for level in range(failures + 1))])
        give_back(request, "login-ip", ip)
    return user
