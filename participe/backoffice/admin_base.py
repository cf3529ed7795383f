"""Base class for every back-office page of an instance-owned model."""

from django import forms
from django.contrib import admin
from django.db import models

from participe.core.storage import PrivateStorage


class PrivateFileInput(forms.ClearableFileInput):
    """Django's file widget links to the file's URL; a private file has none (it is served by a view that
    checks who asks), so the back office shows its name only."""

    template_name = "backoffice/widgets/private_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))


class EmptyToFieldIsPk:
    """Django's change and delete views read `?_to_field=` (empty) as a field named '' and fail with a 500."""

    def get_object(self, request, object_id, from_field=None):
        return super().get_object(request, object_id, from_field or None)


class InstanceModelAdmin(EmptyToFieldIsPk, admin.ModelAdmin):
    """Asks one permission (`permission`) for every action; rows come from the scoped manager."""

    permission = "backoffice.manage_instance"

    def _allowed(self, request, obj=None):
        return request.user.has_perm(self.permission, obj)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField) and isinstance(db_field.storage, PrivateStorage):
            kwargs["widget"] = PrivateFileInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.instance = request.instance
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # Rows added inline (sections, questions, news…) belong to the instance too.
        for inline_form in formset.forms:
            row = inline_form.instance
            if hasattr(row, "instance_id") and row.instance_id is None:
                row.instance = request.instance
        super().save_formset(request, form, formset, change)


class ReadOnlyInstanceModelAdmin(InstanceModelAdmin):
    """A page to consult rows the back office must never create, edit or delete (logs, registers, history)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
