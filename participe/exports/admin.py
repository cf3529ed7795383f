from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from participe.backoffice.admin_base import InstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.exports.models import Job


class JobAdmin(InstanceModelAdmin):
    """Failed jobs are visible (with their error) to instance administrators; nothing is edited here."""

    permission = "backoffice.manage_instance"
    list_display = ["title", "user", "status", "progress", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "created_at"]
    list_select_related = ["user"]
    search_fields = ["title", "error"]
    actions = None
    readonly_fields = ["title", "user", "task", "arguments", "status", "done", "total", "attempts", "error", "created_at", "started_at", "finished_at"]
    fields = readonly_fields

    @admin.display(description=_("progress"))
    def progress(self, job):
        return f"{job.percent} %"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


backoffice_site.register(Job, JobAdmin)
