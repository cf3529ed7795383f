"""Keep `comments_count` on commented objects whose model has that field (a proposal, …).

A comment counts while it is published. Every change of a comment's status goes through `save()`
(posting, moderation, withdrawal, confirmation of an anonymous or unconfirmed author) or `delete()`,
so these receivers see each transition and move the target's counter with an F() expression, in the
transaction of that save or delete.
"""

from django.db.models import F

from participe.participation.models import Status

_WAS_VISIBLE = "_counted_as_visible"


def _visible(comment):
    return comment.status == Status.PUBLISHED


def _move_target_counter(comment, delta):
    model = comment.content_type.model_class()
    if model is None or "comments_count" not in {field.name for field in model._meta.concrete_fields}:
        return
    rows = model._base_manager.filter(pk=comment.object_id)
    if delta < 0:
        rows = rows.filter(comments_count__gte=-delta)  # never below zero, even on rows counted before
    rows.update(comments_count=F("comments_count") + delta)


def remember_visibility(sender, instance, **kwargs):
    """post_init: whether the comment, as loaded, counted (without loading a deferred status)."""
    if "status" in instance.__dict__ and instance.pk is not None:
        setattr(instance, _WAS_VISIBLE, _visible(instance))


def _visible_before(comment):
    if hasattr(comment, _WAS_VISIBLE):
        return getattr(comment, _WAS_VISIBLE)
    if comment.pk is None:
        return False
    status = type(comment)._base_manager.filter(pk=comment.pk).values_list("status", flat=True).first()
    return status == Status.PUBLISHED


def note_visibility_before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        instance._visible_before_save = _visible_before(instance)


def count_after_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    before = getattr(instance, "_visible_before_save", False) and not created
    after = _visible(instance)
    if before != after:
        _move_target_counter(instance, 1 if after else -1)
    setattr(instance, _WAS_VISIBLE, after)


def count_after_delete(sender, instance, **kwargs):
    if getattr(instance, _WAS_VISIBLE, _visible(instance)):
        _move_target_counter(instance, -1)
