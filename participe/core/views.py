import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from participe.core.colours import palette
from participe.core.storage import public_storage
from participe.core.typefaces import typeface

LEGAL_PAGES = {
    "terms": ("terms", _("Terms of use")),
    "privacy": ("privacy_policy", _("Privacy policy")),
    "legal-notice": ("legal_notice", _("Legal notice")),
    "accessibility": ("accessibility_statement", _("Accessibility statement")),
}


@require_GET
def theme_css(request):
    """The instance's palette and typeface as CSS custom properties (a file, so the CSP needs no inline style).

    Every shade is computed here for AA contrast (core.colours.palette); the typeface is one of the self-hosted
    faces (core.typefaces), or none.
    """
    instance = request.instance
    face = typeface(getattr(instance, "typeface", ""))
    context = {**palette(instance.primary_colour, instance.secondary_colour), "typeface": face}
    css = render_to_string("core/theme.css", context)
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    return response


def legal_page(request, page):
    if page not in LEGAL_PAGES:
        raise Http404
    field, title = LEGAL_PAGES[page]
    return render(request, "core/legal.html", {"title": title, "text": getattr(request.instance, field), "page": page})


def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /platform/", "Disallow: /accounts/", "Disallow: /search/"]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('website:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def media(request, path):
    """Public uploads (published content's images) in the embedded default, with headers that stop a file
    from being run as a page. Private files are never under this root (participe.core.private_files)."""
    if not settings.SERVE_MEDIA or "\x00" in path or len(path) > 1024 or any(len(part) > 255 for part in path.split("/")):
        raise Http404
    root = Path(public_storage().location).resolve()
    try:
        target = (root / path).resolve()
        if root not in target.parents or not target.is_file():
            raise Http404
    except (OSError, ValueError) as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    response = FileResponse(target.open("rb"), content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    if not content_type.startswith("image/"):
        response["Content-Disposition"] = "attachment"
    return response


def too_many_requests(request, message, back=None):
    """The 429 page saying which limit was hit, with a way back to where the visitor was."""
    return render(request, "429.html", {"message": message, "back": back}, status=429)


def _error(template, status):
    def view(request, exception=None):
        if getattr(request, "instance", None) is None:  # refused before any instance was found (e.g. its host)
            return HttpResponse(f"<!doctype html><title>{status}</title><h1>{status}</h1>", status=status)
        return render(request, template, status=status)

    return view


bad_request = _error("400.html", 400)
permission_denied = _error("403.html", 403)
page_not_found = _error("404.html", 404)


def server_error(request):
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the error may come from the templates themselves
        return HttpResponse("<h1>Server error</h1>", status=500)
