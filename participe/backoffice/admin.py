from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from participe.accounts.models import User
from participe.backoffice.admin_base import EmptyToFieldIsPk, InstanceModelAdmin
from participe.backoffice.sites import backoffice_site, platform_site
from participe.core.uploads import clean_image
from participe.instances.models import Domain, Instance
from participe.instances.resolver import forget_host


class InstanceSettingsForm(forms.ModelForm):
    """Logo and favicon judged and re-encoded in the form, so that a refused image is an error, not a 500."""

    def clean_logo(self):
        return self._image("logo")

    def clean_favicon(self):
        return self._image("favicon")

    def _image(self, field):
        upload = self.cleaned_data.get(field)
        return clean_image(upload) if upload and hasattr(upload, "content_type") else upload


class InstanceSettingsAdmin(EmptyToFieldIsPk, admin.ModelAdmin):
    """An instance administrator edits their own instance, and no other."""

    form = InstanceSettingsForm
    exclude = ["slug", "is_active"]
    fieldsets = None
    list_display = ["name", "default_language", "registration_open"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk=request.instance.pk)

    def has_module_permission(self, request):
        return request.user.has_perm("backoffice.manage_instance")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("backoffice.manage_instance", obj)

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UserAdmin(InstanceModelAdmin):
    permission = "backoffice.manage_users"
    list_display = ["display_name", "email", "email_confirmed_at", "date_joined", "is_instance_admin", "is_moderator"]
    list_filter = ["is_instance_admin", "is_moderator", "is_analyst", "is_mediator", "is_banned", "is_active"]
    search_fields = ["display_name", "email"]
    fields = [
        "display_name",
        "email",
        "user_type",
        "bio",
        "is_active",
        "is_banned",
        "is_instance_admin",
        "is_moderator",
        "is_analyst",
        "is_mediator",
        "email_confirmed_at",
        "date_joined",
        "last_login",
    ]
    readonly_fields = ["email", "email_confirmed_at", "date_joined", "last_login"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # people register themselves; staff are promoted here

    def has_delete_permission(self, request, obj=None):
        return False  # deletion anonymises, from the account's own page


backoffice_site.register(Instance, InstanceSettingsAdmin)
backoffice_site.register(User, UserAdmin)


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 1


class PlatformModelAdmin(EmptyToFieldIsPk, admin.ModelAdmin):
    def _allowed(self, request, obj=None):
        return request.user.has_perm("platform.manage_instances")

    has_module_permission = has_add_permission = _allowed
    has_view_permission = has_change_permission = has_delete_permission = _allowed


@admin.register(Instance, site=platform_site)
class PlatformInstanceAdmin(PlatformModelAdmin):
    list_display = ["name", "slug", "domain_list", "default_language", "is_active", "created_at"]
    search_fields = ["name", "slug", "domains__domain"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DomainInline]
    actions = None

    @admin.display(description=_("domains"))
    def domain_list(self, obj):
        return ", ".join(d.domain for d in obj.domains.all())

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for domain in formset.queryset.model.objects.filter(instance=form.instance):
            forget_host(domain.domain)
