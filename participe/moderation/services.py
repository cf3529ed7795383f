"""Reporting and moderation decisions. One function per action; views, one-click links and the API call them.

Every decision sets the contribution's status fields, closes its moderation case,
tells the author, and is written to the action log, in one transaction.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from participe.actionlog.services import record
from participe.core.mail import send_email
from participe.moderation.models import CaseStatus, ModerationCase, Report
from participe.moderation.signals import moderated
from participe.moderation.tasks import alert_moderators
from participe.notifications.services import notify
from participe.participation.models import Status
from participe.participation.registry import participation
from participe.participation.signals import contribution_published


class AlreadyReported(Exception):
    pass


class ModerationError(Exception):
    """A decision that cannot be taken (e.g. banning an administrator); the message says why."""


def _case_for(obj, lock=True):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    cases = ModerationCase.objects.select_for_update() if lock else ModerationCase.objects
    case, _created = cases.get_or_create(
        content_type=content_type, object_id=obj.pk, defaults={"instance_id": obj.instance_id}
    )
    return case


def report(reporter, obj, reason, text=""):
    """Record a report; opens (or reopens) the object's case and alerts the moderators when it does."""
    if not participation.is_declared(obj, "reportable"):
        raise PermissionDenied
    with transaction.atomic():
        case = _case_for(obj)
        try:
            with transaction.atomic():
                created = Report.objects.create(
                    instance_id=obj.instance_id, case=case, reporter=reporter, reason=reason, text=text
                )
        except IntegrityError as exc:
            raise AlreadyReported from exc
        # First report, or a report on content approved earlier: (back) into the queue, moderators alerted.
        alert = case.status == CaseStatus.APPROVED or (
            case.status == CaseStatus.OPEN and case.reports_count == 0 and not case.awaiting_approval
        )
        ModerationCase.objects.filter(pk=case.pk).update(
            reports_count=F("reports_count") + 1,
            last_reported_at=created.created_at,
            status=CaseStatus.OPEN if alert else case.status,
        )
        if alert:
            transaction.on_commit(lambda: _alert_moderators(case.pk, obj.instance_id))
    return created


def submit_for_review(obj):
    """Pre-moderation: `obj` (status pending) waits in the queue until a moderator approves it."""
    with transaction.atomic():
        case = _case_for(obj)
        ModerationCase.objects.filter(pk=case.pk).update(status=CaseStatus.OPEN, awaiting_approval=True)
        transaction.on_commit(lambda: _alert_moderators(case.pk, obj.instance_id))
    return case


def _alert_moderators(case_id, instance_id):
    alert_moderators.delay(case_id, instance_id)


def _check(moderator, obj):
    if moderator is None or not moderator.has_perm("moderation.moderate", obj):
        raise PermissionDenied


def _decide(obj, moderator, status, case_status, action, reason="", details=None):
    _check(moderator, obj)
    with transaction.atomic():
        previous = obj.status
        obj.status = status
        obj.moderation_reason = reason
        obj.moderated_at = timezone.now()
        obj.moderated_by = moderator
        fields = ["status", "moderation_reason", "moderated_at", "moderated_by"]
        if status == Status.PUBLISHED and not obj.published_at:
            obj.published_at = obj.moderated_at
            fields.append("published_at")
        obj.save(update_fields=[*fields, "updated_at"])
        case = _case_for(obj)
        case.status = case_status
        case.awaiting_approval = False
        case.decided_at = obj.moderated_at
        case.decided_by = moderator
        case.save(update_fields=["status", "awaiting_approval", "decided_at", "decided_by"])
        record(moderator, action, obj, {"from": previous, "to": status, **({"reason": reason} if reason else {}), **(details or {})})
        moderated.send(sender=type(obj), target=obj, previous=previous, action=action, moderator=moderator)
        _tell_author(obj, previous)
    return obj


def _tell_author(obj, previous):
    author = getattr(obj, "author", None)
    if author is None or obj.status == previous:
        return
    if obj.status == Status.PUBLISHED:
        if previous == Status.PENDING:
            transaction.on_commit(lambda: contribution_published.send(sender=type(obj), contribution=obj))
            notify(author, "contribution_published", obj)
    else:
        notify(author, "contribution_hidden", obj, {"reason": obj.moderation_reason})


def approve(obj, moderator):
    """The content stays (or becomes) public; open reports are closed. What its author withdrew stays withdrawn."""
    status = obj.status if obj.status in (Status.TRASHED, Status.DRAFT) else Status.PUBLISHED
    return _decide(obj, moderator, status, CaseStatus.APPROVED, "moderation.approve")


def hide(obj, reason, moderator):
    """Replaced in public by a placeholder that gives `reason`."""
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Give the public reason for hiding this content."))
    return _decide(obj, moderator, Status.HIDDEN, CaseStatus.HIDDEN, "moderation.hide", reason[:300])


def trash(obj, moderator, reason=""):
    """Removed from public view with no placeholder."""
    return _decide(obj, moderator, Status.DELETED, CaseStatus.TRASHED, "moderation.trash", (reason or "").strip()[:300])


DECISIONS = ("approve", "hide", "trash")


def decide(obj, action, moderator, reason=""):
    """One moderator's decision on reported or pending content, named by `action` (one of DECISIONS): the one
    entry point of the back office's moderation page and of the one-click links of the moderators' e-mails."""
    if action == "approve":
        return approve(obj, moderator)
    if action == "hide":
        return hide(obj, reason, moderator)
    if action == "trash":
        return trash(obj, moderator)
    raise ValueError(action)


def ban(user, reason, moderator):
    """The account can no longer take part; its owner is told why by e-mail."""
    _check(moderator, user)
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Give the reason for the ban: it is sent to the participant."))
    if user.pk == moderator.pk or user.is_instance_admin or user.is_moderator or user.is_superuser:
        raise ModerationError(_("Staff accounts cannot be banned here; an administrator changes their roles."))
    with transaction.atomic():
        updated = get_user_model().objects.filter(pk=user.pk, is_banned=False).update(is_banned=True)
        user.is_banned = True
        if updated:
            record(moderator, "moderation.ban", user, {"reason": reason[:300]})
            transaction.on_commit(
                lambda: send_email(user.instance, user.email, "account_banned", {"user": user, "reason": reason})
                if user.email and not user.deleted_at
                else None
            )
    return bool(updated)


def unban(user, moderator):
    _check(moderator, user)
    with transaction.atomic():
        if get_user_model().objects.filter(pk=user.pk, is_banned=True).update(is_banned=False):
            record(moderator, "moderation.unban", user)
    user.is_banned = False
