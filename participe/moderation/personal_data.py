from participe.moderation.models import Report


def reports_by(user):
    return [
        {
            "type": r.case.content_type.model,
            "id": r.case.object_id,
            "reason": r.reason,
            "text": r.text,
            "created_at": r.created_at.isoformat(),
        }
        for r in Report.objects.filter(reporter=user).select_related("case__content_type").order_by("pk")
    ]
