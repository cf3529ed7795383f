"""Writing comments: one function per action, used by the views, the API and importers."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.utils import timezone

from participe.actionlog.services import record
from participe.comments.models import Comment
from participe.instances.models import Instance
from participe.participation.models import Status
from participe.participation.services import initial_status, record_revision, release_awaiting
from participe.participation.signals import contribution_published

DEFAULT_EDIT_WINDOW = 15 * 60
CONFIRM_SALT = "participe.comments.anonymous"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 3


def edit_window():
    """How long authors may edit a comment (setting COMMENT_EDIT_WINDOW, seconds)."""
    return timedelta(seconds=getattr(settings, "COMMENT_EDIT_WINDOW", DEFAULT_EDIT_WINDOW))


def comment_step(target):
    return getattr(target, "step", None)


def is_premoderated(instance, step):
    """Comments wait for a moderator when the instance or the step says so."""
    step_says = bool(step is not None and (step.settings or {}).get("comments_premoderation"))
    return step_says or instance.has_feature("comments_premoderation")


def anonymous_allowed(step):
    return bool(step is not None and (step.settings or {}).get("anonymous_comments"))


def thread_root(parent):
    """Replies to a reply join the thread of the comment it answers (two levels)."""
    return parent.parent or parent if parent is not None else None


@transaction.atomic
def post_comment(target, body, *, author=None, parent=None, official=False, name="", email=""):
    step = comment_step(target)
    staff = author is not None and author.has_perm("moderation.moderate")
    comment = Comment(
        instance_id=target.instance_id,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        step=step,
        author=author,
        parent=thread_root(parent),
        in_reply_to=parent,
        body=body,
        is_official=bool(official),
        anonymous_name=name if author is None else "",
        anonymous_email=email if author is None else "",
    )
    initial_status(author, step, premoderated=not staff and is_premoderated(target_instance(target), step)).apply(
        comment
    )
    comment.save()
    if comment.status == Status.PUBLISHED:
        transaction.on_commit(lambda: contribution_published.send(sender=Comment, contribution=comment))
    return comment


def target_instance(target):
    instance = getattr(target, "instance", None)
    return instance if instance is not None else Instance.objects.get(pk=target.instance_id)


def still_editable(comment, moment=None):
    moment = moment or timezone.now()
    return comment.status in (Status.PUBLISHED, Status.PENDING, Status.DRAFT) and (
        moment < comment.created_at + edit_window()
    )


@transaction.atomic
def edit_comment(comment, editor, body):
    old = {"body": comment.body}
    comment.body = body
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at", "updated_at"])
    return record_revision(comment, editor, old)


@transaction.atomic
def trash_comment(comment):
    comment.status = Status.TRASHED
    comment.save(update_fields=["status", "updated_at"])


def toggle_pin(comment, moderator):
    comment.is_pinned = not comment.is_pinned
    comment.save(update_fields=["is_pinned", "updated_at"])
    _log(moderator, "comment.pinned" if comment.is_pinned else "comment.unpinned", comment)
    return comment.is_pinned


def _log(actor, action, target):
    record(actor, action, target)


# Anonymous comments: a signed link proves the address before the comment goes on.


def confirmation_token(comment):
    return signing.dumps({"i": comment.instance_id, "c": comment.pk}, salt=CONFIRM_SALT)


def confirm_anonymous(token, instance):
    """The comment the link confirms (released from awaiting), or None for a bad or expired link."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("i") != instance.pk:
        return None
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=data.get("c"), author__isnull=True).first()
        if comment is not None and comment.awaiting_confirmation:
            release_awaiting(comment)
    return comment
