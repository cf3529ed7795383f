"""Two admin sites: the instance's back office (/admin/) and the platform's (/platform/).

The back office runs inside the request's instance scope, so every queryset it
builds through default managers is already limited to that instance.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

import participe.core.params  # noqa: F401 - registers the <id:…> converter
from participe.instances.scoping import InstanceOwned


class _LoginThroughAccounts:
    def login(self, request, extra_context=None):
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")


class _ScopedViewOnSite:
    """Django's "view on site" (r/<content type>/<id>/) loads any object through the unscoped base manager,
    which would reveal another instance's rows and URLs: this one only finds the serving instance's own
    objects, on the back office and on the platform site alike (the platform's own rows, instances, have
    no page to view)."""

    def get_urls(self):
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        view = path("r/<id:content_type_id>/<path:object_id>/", self.admin_view(view_on_site), name="view_on_site")
        return [view, *urls]


class BackOfficeSite(_LoginThroughAccounts, _ScopedViewOnSite, admin.AdminSite):
    site_header = _("Back office")
    site_title = _("Back office")
    index_title = _("Manage your participation website")

    def has_permission(self, request):
        return request.user.has_perm("backoffice.access")

    def index(self, request, extra_context=None):
        # Instance staff work in /gestion/; the Django admin stays for platform operators.
        if request.user.is_authenticated and not request.user.is_superuser:
            return redirect("gestion:dashboard")
        return super().index(request, extra_context)

    def each_context(self, request):
        context = super().each_context(request)
        context["site_header"] = f"{request.instance.name} — {self.site_header}"
        return context


def view_on_site(request, content_type_id, object_id):
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    if model is None or not issubclass(model, InstanceOwned) or not hasattr(model, "get_absolute_url"):
        raise Http404
    try:
        obj = model.objects.filter(pk=object_id).first()  # the scoped manager: this instance only
    except (ValueError, ValidationError):
        obj = None
    if obj is None:
        raise Http404
    return redirect(obj.get_absolute_url())


class PlatformSite(_LoginThroughAccounts, _ScopedViewOnSite, admin.AdminSite):
    site_header = _("Participe platform")
    site_title = _("Platform")
    index_title = _("Instances of this deployment")

    def has_permission(self, request):
        return request.user.has_perm("platform.manage_instances")


backoffice_site = BackOfficeSite(name="backoffice")
platform_site = PlatformSite(name="platform")
