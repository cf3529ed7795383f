"""Reading settings from environment variables: URLs for e-mail and cache, booleans, lists."""

import os
import re
from urllib.parse import parse_qs, unquote, urlparse

_TRUE = {"1", "true", "yes", "on"}


def env_bool(name, default):
    value = os.environ.get(name)
    return default if value in (None, "") else value.strip().lower() in _TRUE


def env_int(name, default):
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_list(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


_RATE = re.compile(r"^\d+/\d*[smhd]$")


def env_rates(name, defaults):
    """`defaults` (group → "hits/period") with the groups named in `name` ("search=300/m,comment=20/m") replaced."""
    rates = dict(defaults)
    for item in env_list(name, []):
        group, _, rate = (part.strip() for part in item.partition("="))
        if group not in rates or not _RATE.match(rate):
            raise ValueError(f"{name}: {item!r} is not a known group with a rate such as 10/h or 5/900s")
        rates[group] = rate
    return rates


def email_config(url):
    """EMAIL_URL: smtp://user:pass@host:port (smtps:// or ?tls=1), console://, locmem://, file:///dir."""
    parsed = urlparse(url)
    scheme = parsed.scheme
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "file":
        return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": parsed.path}
    if scheme in ("smtp", "smtps"):
        query = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": scheme == "smtps",
            "EMAIL_USE_TLS": query.get("tls", ["0"])[0] in ("1", "true"),
            "EMAIL_TIMEOUT": 10,
        }
    raise ValueError(f"EMAIL_URL: unsupported scheme {scheme!r}")


def cache_config(url):
    """CACHE_URL or REDIS_URL: redis://host:port/db; empty means the local-memory cache."""
    if not url or url.startswith("locmem"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "participe"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "participe.core.cache.ParticipeRedisCache", "LOCATION": url, "KEY_PREFIX": "participe"}
    if url.startswith("dummy"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ValueError(f"CACHE_URL: unsupported scheme in {url!r}")
