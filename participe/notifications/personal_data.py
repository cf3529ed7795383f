from participe.notifications.models import Notification, NotificationPreference


def notifications_of(user):
    preferences = NotificationPreference.objects.filter(user=user).first()
    return {
        "preferences": {"email_off": preferences.email_off, "digest": preferences.digest} if preferences else None,
        "notifications": [
            {"kind": kind, "message": message, "created_at": created.isoformat(), "read_at": read and read.isoformat()}
            for kind, message, created, read in Notification.objects.filter(user=user)
            .order_by("pk")
            .values_list("kind", "message", "created_at", "read_at")
            .iterator(chunk_size=2000)
        ],
    }
