from participe.backoffice.admin_base import ReadOnlyInstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.comments.models import Comment


class CommentAdmin(ReadOnlyInstanceModelAdmin):
    """Comments for moderators to find and read; moderation actions live in the moderation queue."""

    permission = "moderation.moderate"
    list_display = ["__str__", "author", "anonymous_name", "status", "is_official", "is_pinned", "created_at"]
    list_filter = ["status", "is_official", "is_pinned", "awaiting_confirmation"]
    list_select_related = ["author"]
    search_fields = ["body", "anonymous_name"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "content_type", "object_id", "parent", "in_reply_to", "author", "anonymous_name", "anonymous_email",
        "step", "body", "status", "awaiting_confirmation", "is_official", "is_pinned", "moderation_reason",
        "moderated_at", "moderated_by", "created_at", "edited_at", "published_at", "votes_total",
    ]
    exclude = ["instance"]
backoffice_site.register(Comment, CommentAdmin)
