"""The daily digest: activity on followed objects, gathered per person into one e-mail."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from participe.core.links import absolute_url
from participe.core.mail import send_email
from participe.notifications.kinds import KINDS
from participe.notifications.models import Digest, Notification, NotificationPreference
from participe.notifications.services import can_receive_email
from participe.notifications.unsubscribe import list_unsubscribe_headers, unsubscribe_url

DIGEST_KINDS = [key for key, kind in KINDS.items() if not kind.email]
# Older activity is stale news: it stays in the in-app list but is not mailed.
LOOK_BACK = timedelta(days=2)
MAX_ITEMS = 50


def send_digests(instance, now=None):
    now = now or timezone.now()
    pending = Notification.objects.filter(
        kind__in=DIGEST_KINDS, digested_at__isnull=True, read_at__isnull=True, created_at__gte=now - LOOK_BACK
    )
    opted_out = NotificationPreference.objects.filter(digest=Digest.NEVER).values("user_id")
    user_ids = pending.exclude(user_id__in=opted_out).values_list("user_id", flat=True).distinct()
    sent = 0
    for user in get_user_model().objects.filter(pk__in=list(user_ids)).iterator(chunk_size=200):
        with transaction.atomic():
            items = list(pending.filter(user=user).select_for_update().order_by("created_at")[:MAX_ITEMS])
            if not items:
                continue
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(digested_at=now)
            if can_receive_email(user):
                transaction.on_commit(lambda user=user, items=items: _send(instance, user, items))
                sent += 1
    return sent


def _send(instance, user, items):
    stop_url = unsubscribe_url(instance, user, "digest")
    send_email(
        instance,
        user.email,
        "digest",
        {
            "user": user,
            "items": [{"message": n.message, "link": absolute_url(instance, n.url) if n.url else None} for n in items],
            "list_url": absolute_url(instance, reverse("notifications:list")),
            "unsubscribe_url": stop_url,
            "preferences_url": absolute_url(instance, reverse("notifications:preferences")),
        },
        headers=list_unsubscribe_headers(stop_url),
    )
