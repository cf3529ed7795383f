from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from participe.follows.models import Follow, Level
from participe.participation.registry import participation


class NotFollowable(Exception):
    pass


def follow(user, obj, level=Level.ESSENTIAL):
    """Follow `obj` (or change the level of an existing follow). Idempotent under double clicks."""
    if not participation.is_declared(obj, "followable"):
        raise NotFollowable(obj._meta.label)
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    with transaction.atomic():
        record, _created = Follow.objects.update_or_create(
            user=user, content_type=content_type, object_id=obj.pk,
            defaults={"level": level, "instance_id": obj.instance_id},
        )
    return record


def unfollow(user, obj):
    return Follow.objects.of(obj).filter(user=user).delete()[0] > 0


def follow_of(user, obj):
    if not user.is_authenticated:
        return None
    return Follow.objects.of(obj).filter(user=user).first()


def followers_of(obj, level=Level.ESSENTIAL):
    """Active accounts following `obj`. Essential news reaches every follower; 'all' only those who asked."""
    follows = Follow.objects.of(obj)
    if level == Level.ALL:
        follows = follows.filter(level=Level.ALL)
    return get_user_model().objects.filter(
        pk__in=follows.values("user_id"), is_active=True, deleted_at__isnull=True
    )
