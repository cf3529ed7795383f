"""Fan-out of an event to the followers of an object, in a background job once the transaction commits."""

from celery import shared_task
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, transaction

from participe.follows.models import Level
from participe.follows.services import followers_of
from participe.instances.models import Instance
from participe.instances.scoping import in_instance
from participe.notifications.models import NotificationPreference
from participe.notifications.services import notify, tell_author

RETRY = {
    "autoretry_for": (OperationalError, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 1800,
    "max_retries": 6,
}


def notify_followers(target, kind, context=None, *, level=None, actor=None):
    """Tell the followers of `target` in a background job, once the current transaction commits."""
    content_type_id = ContentType.objects.get_for_model(target, for_concrete_model=True).pk
    plain = {key: str(value) for key, value in (context or {}).items()}
    transaction.on_commit(
        lambda: notify_followers_task.delay(
            target.instance_id,
            content_type_id,
            target.pk,
            kind,
            plain,
            level or (Level.ALL if kind == "followed_activity" else Level.ESSENTIAL),
            actor.pk if actor is not None else None,
        )
    )


def announce_status(target, status, *, actor=None):
    """A contribution's new status: news for its author (told directly) and for its followers."""
    tell_author(target, "followed_status_changed", {"status": str(status)}, actor=actor)
    author = getattr(target, "author", None)
    notify_followers(target, "followed_status_changed", {"status": str(status)}, actor=author or actor)


# Named as when it lived in tasks.py: jobs already queued under that name still run.
@shared_task(name="participe.notifications.tasks.notify_followers_task", **RETRY)
def notify_followers_task(instance_id, content_type_id, object_id, kind, context, level, actor_id=None):
    instance = Instance.objects.get(pk=instance_id)
    with in_instance(instance):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        target = model._default_manager.filter(pk=object_id).first()
        if target is None:
            return 0
        parents = [p for p in (getattr(target, "project", None),) if p is not None]
        return fan_out(target, kind, context, level, exclude_user_id=actor_id, also_followers_of=parents)


def fan_out(target, kind, context, level, exclude_user_id=None, also_followers_of=(), target_followers=True):
    """Notify every follower of `target` (and of `also_followers_of`, e.g. a step's project) once.

    `target_followers=False` reaches only the followers of `also_followers_of` (a new project is news
    for the followers of its districts)."""
    reached = set()
    sent = 0
    for source in ((target,) if target_followers else ()) + tuple(also_followers_of):
        source_type = ContentType.objects.get_for_model(source, for_concrete_model=True).pk
        followers = followers_of(source, level).exclude(pk=exclude_user_id).select_related("instance")
        preferences = {p.user_id: p for p in NotificationPreference.objects.filter(user__in=followers)}
        for user in followers.iterator(chunk_size=500):
            if user.pk in reached:
                continue
            reached.add(user.pk)
            notify(
                user,
                kind,
                target,
                context,
                via_follow=(source_type, source.pk),
                preferences=preferences.get(user.pk) or NotificationPreference(user=user),
            )
            sent += 1
    return sent
