"""`notify(user, kind, target, context)`: one in-app notification, and an e-mail if the person wants it.

Other apps call it for what happens to a person's own content (a comment on it, a reply,
a moderation decision); `notify_followers` fans an event out to the followers of an
object in a background job.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from participe.core.mail import send_email
from participe.notifications.kinds import KINDS, render_message
from participe.notifications.links import absolute_url
from participe.notifications.models import Notification, NotificationPreference
from participe.notifications.targets import url_of
from participe.notifications.unsubscribe import list_unsubscribe_headers, unsubscribe_url


def preferences_for(user):
    """The saved preferences, or unsaved defaults (no row until the person changes something)."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found or NotificationPreference(user=user, instance_id=user.instance_id)


def can_receive_email(user):
    return bool(user.is_active and not user.deleted_at and user.email and user.email_confirmed)


def notify(user, kind, target=None, context=None, *, url=None, via_follow=None, preferences=None):
    """Tell `user` about `kind` on `target`. `context` fills the message (actor, status, reason, quote, actions).

    `via_follow` = (content_type_id, object_id) when the news comes from a follow: the e-mail's
    unsubscribe link then stops that follow instead of the whole kind.
    """
    definition = KINDS[kind]
    context = dict(context or {})
    if target is not None:
        context.setdefault("target", str(target))
    url = url or (url_of(target) if target is not None else "") or ""
    with translation.override(user.instance.default_language):
        message = render_message(kind, context)[:500]
    notification = Notification.objects.create(
        instance_id=user.instance_id,
        user=user,
        kind=kind,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True) if target is not None else None,
        target_id=target.pk if target is not None else None,
        message=message,
        url=url[:500],
    )
    preferences = preferences or preferences_for(user)
    if definition.email and preferences.wants_email(kind) and can_receive_email(user):
        transaction.on_commit(lambda: _email(notification, user, context, via_follow))
    return notification


def _email(notification, user, context, via_follow):
    instance = user.instance
    if via_follow:
        from participe.follows.links import unfollow_url

        stop_url = unfollow_url(user, *via_follow)
    else:
        stop_url = unsubscribe_url(instance, user, notification.kind)
    send_email(
        instance,
        user.email,
        "notification",
        {
            **context,
            "user": user,
            "kind": KINDS[notification.kind],
            "message": notification.message,
            "link": absolute_url(instance, notification.url) if notification.url else None,
            "unsubscribe_url": stop_url,
            "preferences_url": absolute_url(instance, reverse("notifications:preferences")),
            "via_follow": bool(via_follow),
        },
        headers=list_unsubscribe_headers(stop_url),
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def notify_followers(target, kind, context=None, *, level=None, actor=None):
    """Tell the followers of `target` in a background job, once the current transaction commits."""
    from participe.follows.models import Level
    from participe.notifications.tasks import notify_followers_task

    content_type_id = ContentType.objects.get_for_model(target, for_concrete_model=True).pk
    plain = {key: str(value) for key, value in (context or {}).items()}
    transaction.on_commit(
        lambda: notify_followers_task.delay(
            target.instance_id, content_type_id, target.pk, kind, plain,
            level or (Level.ALL if kind == "followed_activity" else Level.ESSENTIAL),
            actor.pk if actor is not None else None,
        )
    )


def fan_out(target, kind, context, level, exclude_user_id=None, also_followers_of=(), target_followers=True):
    """Notify every follower of `target` (and of `also_followers_of`, e.g. a step's project) once.

    `target_followers=False` reaches only the followers of `also_followers_of` (a new project is news
    for the followers of its districts)."""
    from participe.follows.services import followers_of

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
                user, kind, target, context,
                via_follow=(source_type, source.pk),
                preferences=preferences.get(user.pk) or NotificationPreference(user=user),
            )
            sent += 1
    return sent
