"""The action log in the back office: read-only for instance administrators, exportable as CSV."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from participe.actionlog.exporters import ActionLogExporter
from participe.actionlog.models import ActionLog
from participe.backoffice.admin_base import ReadOnlyInstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.exports.responses import csv_response


class ActionLogAdmin(ReadOnlyInstanceModelAdmin):
    permission = "backoffice.view_action_log"
    list_display = ["created_at", "actor_name", "action", "target_repr"]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_name", "action", "target_repr"]
    date_hierarchy = "created_at"
    list_per_page = 50
    list_select_related = False
    actions = None
    change_list_template = "actionlog/change_list.html"
    readonly_fields = ["created_at", "actor_name", "action", "target_type", "target_id", "target_repr", "details"]
    fields = readonly_fields

    def get_urls(self):
        return [
            path("export.csv", self.admin_site.admin_view(self.export), name="actionlog_actionlog_export"),
            *super().get_urls(),
        ]

    def export(self, request):
        if not self._allowed(request):
            raise PermissionDenied
        return csv_response(request, ActionLogExporter(), filename=f"action-log-{request.instance.slug}")


backoffice_site.register(ActionLog, ActionLogAdmin)
