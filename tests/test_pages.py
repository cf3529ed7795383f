import pytest
from django.test import Client

from participe.core.colours import contrast_ratio


def test_base_layout_is_accessible_by_construction(client_a):
    page = client_a.get("/").content.decode()
    assert '<html lang="fr">' in page
    assert 'class="skip-link" href="#main"' in page and 'id="main"' in page
    for landmark in ('role="banner"', "<main", 'role="contentinfo"', 'aria-label="Menu principal"'):
        assert landmark in page
    assert "<script>" not in page and 'style="' not in page  # nothing the CSP would block


def test_language_switch_without_javascript(client_a):
    response = client_a.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client_a.get("/").content.decode()
    assert '<html lang="en">' in page and "Skip to main content" in page


def test_instance_default_language_wins_over_a_browser_language_it_does_not_offer(client_a, instance_a):
    # A browser language the instance offers is honoured (tests/translations/test_public.py); one it does not offer
    # gives way to the instance's default language.
    instance_a.default_language = "en"
    instance_a.save()
    page = client_a.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="en">' in page


def test_theme_css_carries_the_colours_with_readable_text(client_a, instance_a):
    instance_a.primary_colour = "#ffd700"  # light yellow: text on it must be black
    instance_a.save()
    css = client_a.get("/theme.css")
    assert css["Content-Type"].startswith("text/css")
    body = css.content.decode()
    assert "--colour-primary: #ffd700" in body and "--colour-on-primary: #000000" in body
    link = body.split("--colour-link: ")[1][:7]
    assert contrast_ratio(link, "#ffffff") >= 4.5


@pytest.mark.parametrize("page", ["terms", "privacy", "legal-notice", "accessibility"])
def test_legal_pages(client_a, instance_a, page):
    text = 'Texte <b>légal</b><script>alert(1)</script><img src=x onerror="alert(2)">'
    instance_a.terms = instance_a.privacy_policy = instance_a.legal_notice = instance_a.accessibility_statement = text
    instance_a.save()
    response = client_a.get(f"/legal/{page}/")
    assert response.status_code == 200
    html = response.content.decode()
    # Rich text written in the back office's editor, sanitised on the way out too.
    assert "Texte <b>légal</b>" in html and "alert(1)" not in html and "onerror" not in html


def test_unknown_legal_page_is_a_404_in_the_instance_look(client_a):
    response = client_a.get("/legal/nope/")
    assert response.status_code == 404
    assert "Ville A" in response.content.decode() and "Page introuvable" in response.content.decode()


def test_security_headers(client_a):
    response = client_a.get("/")
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_hsts_with_production_settings(client_a, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = client_a.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_server_error_page_in_the_instance_look(instance_a, settings):
    settings.DEBUG = False
    from django.urls import path

    from participe import urls as root

    def boom(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type("U", (), {"urlpatterns": [path("boom/", boom), *root.urlpatterns],
                                            "handler500": root.handler500})
    client = Client(HTTP_HOST="a.test", raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode() and "Ville A" in response.content.decode()


def test_media_is_served_with_safe_headers(client_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "public").mkdir()  # /media/ serves the public storage only
    (tmp_path / "public" / "doc.html").write_text("<script>alert(1)</script>")
    (tmp_path / "private.html").write_text("outside the public storage")
    response = client_a.get("/media/doc.html")
    assert response["Content-Disposition"] == "attachment"
    assert "sandbox" in response["Content-Security-Policy"]
    assert client_a.get("/media/../settings.py").status_code == 404
    assert client_a.get("/media/../private.html").status_code == 404


def test_robots_txt(client_a):
    assert "Disallow: /admin/" in client_a.get("/robots.txt").content.decode()
