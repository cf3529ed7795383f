"""Back office of projects: instance administrators manage all of them, project administrators their own."""

import json

from django.contrib import admin, messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from participe.accounts.models import ParticipantGroup
from participe.backoffice.admin_base import InstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.projects.admin_forms import ProjectAdminForm, StepAdminForm
from participe.projects.models import Project, Step

MOVE_STEP = "_move_step"


def _moved(steps, request):
    """The steps in their new order when the form was sent with a move button, else as they are."""
    pk, _sep, direction = request.POST.get(MOVE_STEP, "").partition(":")
    index = next((i for i, step in enumerate(steps) if str(step.pk) == pk), None)
    if index is None or direction not in ("up", "down"):
        return steps
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(steps):
        steps[index], steps[other] = steps[other], steps[index]
    return steps


class StepInline(admin.StackedInline):
    model = Step
    form = StepAdminForm
    extra = 0
    ordering = ["position", "pk"]
    readonly_fields = ["order_buttons", "settings_link"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("type", "position", "is_enabled"),
                    "order_buttons",
                    ("title", "slug"),
                    ("starts_at", "ends_at"),
                    "body",
                ]
            },
        ),
        (
            _("Participation requirements"),
            {"fields": ["require", "allowed_zip_codes", "min_age", "consent_text", "required_group"]},
        ),
        (_("Settings of the step type"), {"fields": ["settings_link"]}),
    ]

    def view_on_site(self, step):
        # A direct link: the admin's generic "view on site" shortcut looks objects up outside the instance scope.
        return step.get_absolute_url()

    # Steps are part of their project: whoever may change the project may change its steps.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("projects.change_project", obj) if obj else request.user.has_perm(
            "projects.manage_projects"
        )

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission

    @admin.display(description=_("order"))
    def order_buttons(self, step):
        """Buttons of the project's form: they save it, then move the step (no JavaScript needed)."""
        if not step.pk:
            return "—"
        return format_html(
            '<button type="submit" name="{name}" value="{pk}:up" aria-label="{up_label}">↑ {up}</button> '
            '<button type="submit" name="{name}" value="{pk}:down" aria-label="{down_label}">↓ {down}</button>',
            name=MOVE_STEP,
            pk=step.pk,
            up=_("Move up"),
            down=_("Move down"),
            up_label=_("Move the step “%(title)s” up") % {"title": step.title},
            down_label=_("Move the step “%(title)s” down") % {"title": step.title},
        )

    @admin.display(description=_("settings"))
    def settings_link(self, step):
        if not step.pk or not step.step_type or not step.step_type.settings_form:
            return _("This type of step has no settings.")
        url = reverse("backoffice:projects_step_settings", args=[step.pk])
        return format_html('<a href="{}">{}</a>', url, _("Edit the settings of this step"))


@admin.register(Project, site=backoffice_site)
class ProjectAdmin(InstanceModelAdmin):
    permission = "projects.manage_projects"
    form = ProjectAdminForm
    inlines = [StepInline]
    list_display = ["title", "visibility", "is_published", "is_archived", "position", "preview_link"]
    list_filter = ["is_published", "is_archived", "visibility"]
    list_editable = ["position"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["themes", "districts", "allowed_groups"]
    autocomplete_fields = ["administrators"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "type_label", "summary", "body"]}),
        (_("Cover image"), {"fields": ["cover", "cover_alt"]}),
        (_("Themes and districts"), {"fields": ["themes", "districts"]}),
        (
            _("Publication"),
            {"fields": ["is_published", "is_archived", "visibility", "allowed_groups", "position", "administrators"]},
        ),
    ]
    list_per_page = 50
    # The save buttons come first in the page, so Enter in a field saves instead of moving a step.
    save_on_top = True

    def get_queryset(self, request):
        projects = super().get_queryset(request)
        if request.user.has_perm("projects.add_project"):
            return projects
        return projects.filter(administrators=request.user)

    def get_object(self, request, object_id, from_field=None):
        """A project out of reach (another instance's, someone else's) is not found, like on the public site."""
        project = super().get_object(request, object_id, from_field)
        if project is None:
            raise Http404
        return project

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm("projects.add_project"):
            return self.readonly_fields
        return [*self.readonly_fields, "administrators"]

    def has_add_permission(self, request):
        return request.user.has_perm("projects.add_project")

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("projects.manage_projects")
        return request.user.has_perm("projects.change_project", obj)

    has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("projects.delete_project", obj)

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    @admin.display(description=_("page"))
    def preview_link(self, obj):
        label = _("See the page") if obj.is_published else _("Preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    @transaction.atomic
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            for step in getattr(formset, "new_objects", ()):
                if isinstance(step, Step) and step.step_type is not None:
                    step.step_type.create_content(step)
        # Number the steps 1, 2, 3… in the order chosen, so positions stay readable after reordering.
        steps = _moved(list(form.instance.steps.order_by("position", "pk")), request)
        for number, step in enumerate(steps, start=1):
            if step.position != number:
                step.position = number
                step.save(update_fields=["position"])

    def response_change(self, request, obj):
        if MOVE_STEP in request.POST:
            messages.success(request, _("The order of the steps is saved."))
            return redirect(request.path)
        return super().response_change(request, obj)

    def get_urls(self):
        return [
            path(
                "step/<int:step_id>/settings/",
                self.admin_site.admin_view(self.step_settings_view),
                name="projects_step_settings",
            ),
            *super().get_urls(),
        ]

    def step_settings_view(self, request, step_id):
        """Edits `step.settings` through the form its step type declares."""
        step = Step.objects.select_related("project").filter(
            pk=step_id, project__in=self.get_queryset(request)
        ).first()
        if step is None or not self.has_change_permission(request, step.project):
            raise Http404
        form_class = step.step_type.get_settings_form() if step.step_type else None
        if form_class is None:
            raise Http404
        form = form_class(request.POST or None, initial=step.settings)
        if request.method == "POST" and form.is_valid():
            values = form.to_settings() if hasattr(form, "to_settings") else form.cleaned_data
            step.settings = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
            step.save(update_fields=["settings"])
            messages.success(request, _("The settings of the step are saved."))
            return redirect("backoffice:projects_project_change", step.project_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Settings of the step “%(step)s”") % {"step": step.title},
            "opts": self.opts,
            "step": step,
            "form": form,
        }
        return TemplateResponse(request, "admin/projects/step_settings.html", context, status=400 if form.errors else 200)


@admin.register(ParticipantGroup, site=backoffice_site)
class ParticipantGroupAdmin(InstanceModelAdmin):
    permission = "backoffice.manage_users"
    list_display = ["name", "member_count"]
    search_fields = ["name"]
    autocomplete_fields = ["members"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_total=Count("members"))

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, group):
        return group.member_total
