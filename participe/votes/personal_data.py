from participe.votes.models import Vote


def votes_of(user):
    """The GDPR export's section: every vote the account cast."""
    return [
        {
            "cast_at": vote.created_at,
            "on": f"{vote.content_type.app_label}.{vote.content_type.model}:{vote.object_id}",
            "step": vote.step_id,
            "value": vote.value,
            "counted": vote.is_counted,
        }
        for vote in Vote.objects.filter(voter=user).select_related("content_type").order_by("created_at")
    ]
