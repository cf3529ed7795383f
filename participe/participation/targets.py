"""Generic targets (a follow, a report, an attachment or a notification points at any model).

A target is named in URLs by its content type id and primary key. Resolving it goes
through the model's default manager, which is scoped to the instance being served:
an object of another instance is simply not found.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from participe.participation.models import Contribution, Status
from participe.participation.registry import participation


def resolve(content_type_id, object_id, feature=None):
    """The object named by (content type, pk), or Http404; `feature` must be declared for its model."""
    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    model = content_type.model_class()
    if model is None or (feature and not participation.is_declared(model, feature)):
        raise Http404
    try:
        return model._default_manager.get(pk=int(object_id))
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def load_targets(pairs):
    """{(content_type_id, object_id): object} for many targets in one query per model (for lists)."""
    wanted = {}
    for content_type_id, object_id in pairs:
        wanted.setdefault(content_type_id, set()).add(object_id)
    found = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=ids):
            found[(content_type_id, obj.pk)] = obj
    return found


def url_of(obj):
    """The public page of a target, or None when its model has none (yet)."""
    try:
        return obj.get_absolute_url()
    except Exception:  # a missing URL name must not break an e-mail or a list
        return None


def is_visible_to(user, obj):
    """May `user` see `obj`? Follows the object up to its project (the unit of visibility)."""
    if obj is None:
        return False
    if isinstance(obj, Contribution):
        own = user.is_authenticated and obj.author_id == user.pk
        moderator = user.has_perm("moderation.moderate", obj)
        if obj.status not in (Status.PUBLISHED, Status.HIDDEN) and not (own or moderator):
            return False
    manager = type(obj)._default_manager
    if hasattr(manager, "visible_to") and not manager.visible_to(user).filter(pk=obj.pk).exists():
        return False
    if getattr(obj, "content_type_id", None) and hasattr(obj, "target"):  # a comment: visible where its object is
        return is_visible_to(user, obj.target)
    if hasattr(manager, "visible_to"):
        return True
    for parent in ("project", "step"):
        if getattr(obj, f"{parent}_id", None):
            return is_visible_to(user, getattr(obj, parent))
    return True


def may_see_files_of(user, obj):
    """Files of a contribution that is not published (hidden by moderation, draft, removed) go to its author
    and moderators only; otherwise whoever may see the object (its project's visibility) may see its files."""
    if obj is None:
        return False
    if isinstance(obj, Contribution) and obj.status != Status.PUBLISHED:
        own = user.is_authenticated and obj.author_id == user.pk
        if not (own or user.has_perm("moderation.moderate", obj)):
            return False
    return is_visible_to(user, obj)
