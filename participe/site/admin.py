"""Back office of the website: home sections, pages, menus, news, agenda, themes, districts."""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from participe.backoffice.admin_base import InstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.core.uploads import clean_image
from participe.site import registrations
from participe.site.models import District, Event, HomeSection, MenuItem, Page, Post, Registration, Theme


class CoverForm(forms.ModelForm):
    """Checks and re-encodes a newly uploaded cover image."""

    def clean_cover(self):
        upload = self.cleaned_data.get("cover")
        if isinstance(upload, UploadedFile):
            return clean_image(upload)
        return upload


@admin.register(HomeSection, site=backoffice_site)
class HomeSectionAdmin(InstanceModelAdmin):
    list_display = ("__str__", "kind", "position", "is_enabled")
    list_editable = ("position", "is_enabled")
    list_display_links = ("__str__",)
    fields = ("kind", "title", "body", "position", "is_enabled")


@admin.register(Page, site=backoffice_site)
class PageAdmin(InstanceModelAdmin):
    list_display = ("title", "slug", "is_published", "updated_at")
    list_filter = ("is_published",)
    search_fields = ("title",)
    prepopulated_fields = {"slug": ("title",)}
    fields = ("title", "slug", "summary", "body", "is_published")


@admin.register(MenuItem, site=backoffice_site)
class MenuItemAdmin(InstanceModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("label", "location", "position", "page", "target", "url")
    list_editable = ("position",)
    list_filter = ("location",)
    fields = ("label", "location", "position", "page", "target", "url")


@admin.register(Post, site=backoffice_site)
class PostAdmin(InstanceModelAdmin):
    form = CoverForm
    list_display = ("title", "published_at", "is_published")
    list_filter = ("is_published", "themes")
    search_fields = ("title", "summary")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("projects", "themes")
    fields = (
        "title",
        "slug",
        "cover",
        "cover_alt",
        "summary",
        "body",
        "is_published",
        "published_at",
        "projects",
        "themes",
    )


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ("user", "status", "created_at")
    readonly_fields = ("user", "status", "created_at")
    can_delete = False

    # Registrations change through the registration service (capacity, waiting list), not by hand.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("backoffice.manage_instance", obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Event, site=backoffice_site)
class EventAdmin(InstanceModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "title",
        "starts_at",
        "is_published",
        "registration_open",
        "capacity",
        "confirmed_count",
        "waiting_count",
    )
    list_filter = ("is_published", "registration_open", "themes")
    search_fields = ("title", "address")
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("projects", "themes")
    readonly_fields = ("confirmed_count", "waiting_count")
    inlines = [RegistrationInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "is_published", "themes", "projects")}),
        (
            _("Date and place"),
            {"fields": ("starts_at", "ends_at", "address", "latitude", "longitude", "online_url")},
        ),
        (
            _("Registration"),
            {"fields": ("registration_open", "capacity", "waiting_list", "confirmed_count", "waiting_count")},
        ),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            # A raised capacity moves the waiting list up; the recount also repairs counters
            # that this form, read before concurrent registrations, would have saved stale.
            registrations.fill_free_places(obj)


@admin.register(Theme, site=backoffice_site)
class ThemeAdmin(InstanceModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "description", "colour", "position")


class DistrictForm(forms.ModelForm):
    class Meta:
        model = District
        fields = ("name", "slug", "geometry", "position")
        widgets = {"geometry": forms.Textarea(attrs={"rows": 12, "spellcheck": "false"})}

    def clean_geometry(self):
        geometry = self.cleaned_data.get("geometry")
        # A Feature pasted from a GIS tool: keep its geometry.
        if isinstance(geometry, dict) and geometry.get("type") == "Feature":
            geometry = geometry.get("geometry")
        return geometry


@admin.register(District, site=backoffice_site)
class DistrictAdmin(InstanceModelAdmin):
    form = DistrictForm
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}
