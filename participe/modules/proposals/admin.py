"""Back office of proposals: categories and statuses of steps, proposals with their analysis team, follow-up."""

from django.contrib import admin

from participe.backoffice.admin_base import InstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.modules.proposals.models import (
    Category,
    ProgressStep,
    Proposal,
    ProposalNews,
    Selection,
    SelectionStatus,
)


class InstanceInline(admin.TabularInline):
    extra = 0

    def _allowed(self, request, obj=None):
        return request.user.has_perm("projects.manage_projects")

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class ProgressInline(InstanceInline):
    model = ProgressStep
    fields = ["title", "starts_on", "ends_on", "is_done", "position"]


class NewsInline(InstanceInline):
    model = ProposalNews
    fields = ["title", "body", "published_at"]
    extra = 0


class SelectionInline(InstanceInline):
    model = Selection
    fields = ["step", "status"]


@admin.register(Proposal, site=backoffice_site)
class ProposalAdmin(InstanceModelAdmin):
    permission = "projects.manage_projects"
    list_display = ["title", "step", "status", "analysis_state", "decision", "estimated_cost", "revised_cost"]
    list_filter = ["status", "analysis_state", "decision"]
    search_fields = ["title", "summary"]
    list_select_related = ["step__project"]
    autocomplete_fields = []
    raw_id_fields = ["author", "merged_into", "supervisor", "decision_maker", "category", "district", "theme"]
    filter_horizontal = ["analysts"]
    exclude = ["reply", "co_authors", "body", "official_answer"]
    inlines = [SelectionInline, ProgressInline, NewsInline]


@admin.register(Category, site=backoffice_site)
class CategoryAdmin(InstanceModelAdmin):
    permission = "projects.manage_projects"
    list_display = ["name", "step", "colour", "icon", "position"]
    raw_id_fields = ["step"]


@admin.register(SelectionStatus, site=backoffice_site)
class SelectionStatusAdmin(InstanceModelAdmin):
    permission = "projects.manage_projects"
    list_display = ["name", "step", "colour", "position"]
    raw_id_fields = ["step"]


