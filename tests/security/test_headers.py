"""Security headers on pages, error pages, the back office and uploads; HSTS with production settings."""

import os
import subprocess
import sys

import pytest
from django.test import Client

PAGES = ["/", "/accounts/login/", "/accounts/register/", "/no-such-page/", "/admin/", "/theme.css"]


def _directives(csp):
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers(path, client_a):
    response = client_a.get(path)
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    directives = _directives(csp)
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_uploads_are_served_sandboxed(client_a, settings):
    # Only the public storage is served; a page slipped into it would still be downloaded, never run.
    (settings.MEDIA_ROOT / "public" / "avatars").mkdir(parents=True)
    (settings.MEDIA_ROOT / "public" / "avatars" / "page.html").write_text("<script>alert(1)</script>")
    response = client_a.get("/media/avatars/page.html")
    assert response.status_code == 200
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_hsts_is_sent_over_https_with_production_settings(instance_a, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client(HTTP_HOST="a.test").get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_production_settings_turn_hsts_and_secure_cookies_on(tmp_path):
    env = {**os.environ, "DEBUG": "0", "HTTPS": "1", "SECRET_KEY": "x" * 50, "PARTICIPE_VAR_DIR": str(tmp_path)}
    env.pop("PARTICIPE_TESTING", None)
    code = (
        "import participe.settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    hsts, session_secure, csrf_secure, redirect, debug = out.stdout.split()
    assert int(hsts) >= 31536000
    assert (session_secure, csrf_secure, redirect, debug) == ("True", "True", "True", "False")
