from participe.follows.models import Follow


def follows_of(user):
    return [
        {"type": f.content_type.model, "id": f.object_id, "level": f.level, "since": f.created_at.isoformat()}
        for f in Follow.objects.filter(user=user).select_related("content_type").order_by("pk")
    ]
