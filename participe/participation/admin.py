from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from participe.backoffice.admin_base import ReadOnlyInstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.participation.models import Revision


class RevisionAdmin(ReadOnlyInstanceModelAdmin):
    """The edit history of contributions, read-only: who changed what, when."""

    permission = "moderation.moderate"
    list_display = ["changed_at", "content_type", "object_id", "editor", "changed_fields"]
    list_filter = ["content_type"]
    list_select_related = ["editor", "content_type"]
    date_hierarchy = "changed_at"
    readonly_fields = ["content_type", "object_id", "editor", "changed_at", "changes"]

    @admin.display(description=_("changed fields"))
    def changed_fields(self, revision):
        return ", ".join(sorted(revision.changes))


backoffice_site.register(Revision, RevisionAdmin)
