from participe.comments.models import Comment


def comments_of(user):
    """The GDPR export's section: every comment the account wrote, whatever its status."""
    return [
        {
            "written_at": comment.created_at,
            "status": comment.status,
            "on": f"{comment.content_type.app_label}.{comment.content_type.model}:{comment.object_id}",
            "in_reply_to": comment.in_reply_to_id,
            "body": comment.body,
        }
        for comment in Comment.objects.filter(author=user).select_related("content_type").order_by("created_at")
    ]
