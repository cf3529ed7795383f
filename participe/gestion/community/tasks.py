"""What a bulk action leaves to a background job: telling each author that their contribution was hidden."""

from celery import shared_task
from django.db import OperationalError

from participe.gestion.community.kinds import kinds_by_key
from participe.instances.models import Instance
from participe.instances.scoping import in_instance
from participe.notifications.services import notify


@shared_task(autoretry_for=(OperationalError, OSError), retry_backoff=30, retry_backoff_max=1800, max_retries=6)
def tell_authors_hidden(instance_id, kind_key, ids):
    """As a moderator's single decision does (moderation.services): the author learns why, if the row is still so."""
    instance = Instance.objects.get(pk=instance_id)
    with in_instance(instance):
        kind = kinds_by_key().get(kind_key)
        if kind is None:
            return 0
        rows = kind.model._default_manager.filter(pk__in=ids, author__isnull=False, status__in=["hidden", "deleted"])
        told = 0
        for obj in rows.select_related("author__instance"):
            notify(obj.author, "contribution_hidden", obj, {"reason": obj.moderation_reason})
            told += 1
        return told
