"""`notify(user, kind, target, context)`: one in-app notification, and an e-mail if the person wants it.

Other apps call it for what happens to a person's own content (a comment on it, a reply,
a moderation decision); `notifications.followers.notify_followers` fans an event out to
the followers of an object in a background job.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from participe.core.links import absolute_url
from participe.core.mail import send_email
from participe.follows.links import unfollow_url
from participe.notifications.kinds import KINDS, render_message
from participe.notifications.models import Notification, NotificationPreference
from participe.notifications.unsubscribe import list_unsubscribe_headers, unsubscribe_url
from participe.participation.targets import url_of


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


def reachable(user):
    return user is not None and user.is_active and not user.deleted_at


def tell_author(contribution, kind, context=None, *, actor=None, url=None):
    """Notify the author of `contribution` of `kind`, unless they did it themselves or have no account now."""
    author = getattr(contribution, "author", None)
    if not reachable(author) or (actor is not None and actor.pk == author.pk):
        return None
    context = dict(context or {})
    if actor is not None:
        context.setdefault("actor", actor.public_name)
    return notify(author, kind, contribution, context, url=url)


def _email(notification, user, context, via_follow):
    instance = user.instance
    if via_follow:
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
