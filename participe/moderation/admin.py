from participe.backoffice.admin_base import ReadOnlyInstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.moderation.models import ModerationCase


class ModerationCaseAdmin(ReadOnlyInstanceModelAdmin):
    """A read-only overview; decisions are taken on /moderation/ so that they are logged and notified."""

    permission = "moderation.moderate"
    list_display = ["__str__", "content_type", "status", "reports_count", "opened_at", "decided_at"]
    list_filter = ["status", "content_type"]
    list_select_related = ["content_type"]
    readonly_fields = ["content_type", "object_id", "status", "reports_count", "opened_at", "decided_at", "decided_by"]
    fields = readonly_fields


backoffice_site.register(ModerationCase, ModerationCaseAdmin)
