"""Absolute links in e-mails, and signed links that act without a login (unsubscribe, one-click actions).

Jobs build e-mails outside any request, so the host comes from the instance's
primary domain. Signed links carry the instance, the account and the purpose; the
salt separates purposes, so a token made for one purpose never opens another.
"""

from django.conf import settings
from django.core import signing


def absolute_url(instance, path):
    """The instance's primary domain with the configured scheme and port (PUBLIC_PORT): never the request's
    `Host` header, whose value and port the client chooses."""
    if path is None:
        return None
    if path.startswith(("http://", "https://")):
        return path
    scheme = "https" if settings.HTTPS else "http"
    port = f":{settings.PUBLIC_PORT}" if settings.PUBLIC_PORT else ""
    return f"{scheme}://{instance.primary_domain()}{port}{path}"


def sign(purpose, payload):
    return signing.dumps(payload, salt=f"participe.{purpose}", compress=True)


def unsign(purpose, token, max_age=None):
    """The payload, or None when the token is forged, altered or expired."""
    try:
        return signing.loads(token, salt=f"participe.{purpose}", max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
