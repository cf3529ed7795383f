"""Bulk actions on contributions of the back office, in a number of queries that does not grow with the selection.

Each action runs in one transaction: one read of the selected rows the user manages, one UPDATE per kind,
their moderation cases closed by one UPDATE, one INSERT of the action-log lines, one purge of the anonymous
pages (what was hidden disappears for visitors at once). Rows the user does not manage are skipped. Authors
of what was hidden or deleted are told by a background job, after the commit.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from participe.actionlog.models import ActionLog
from participe.core.generations import purge
from participe.gestion.community.kinds import visible_rows
from participe.gestion.community.tasks import tell_authors_hidden
from participe.moderation.models import CaseStatus, ModerationCase
from participe.participation.models import Status

# action -> (status set, moderation case status, statuses that may not change). Content awaiting approval
# (pre-moderation) is approved from the moderation queue, which announces its publication to followers.
STATUS_ACTIONS = {
    "publish": (Status.PUBLISHED, CaseStatus.APPROVED, (Status.DRAFT, Status.TRASHED, Status.PENDING)),
    "hide": (Status.HIDDEN, CaseStatus.HIDDEN, (Status.DRAFT, Status.TRASHED)),
    "trash": (Status.DELETED, CaseStatus.TRASHED, ()),
}


class BulkError(Exception):
    """An action that cannot apply to this selection; the message says why."""


@dataclass
class Outcome:
    done: list = field(default_factory=list)
    skipped: int = 0


def _by_kind(kinds, pairs):
    grouped = {}
    for key, pk in pairs:
        grouped.setdefault(kinds[key], []).append(pk)
    return grouped


def _log(user, action, objects, details):
    ActionLog.objects.bulk_create(
        [
            ActionLog(
                instance_id=obj.instance_id,
                actor=user,
                actor_name=user.public_name[:200],
                action=action,
                target_type=kind.content_type,
                target_id=obj.pk,
                target_repr=str(obj)[:300],
                details=details(obj),
            )
            for kind, obj in objects
        ]
    )


def change_status(user, kinds, pairs, action, reason=""):
    status, case_status, frozen = STATUS_ACTIONS[action]
    reason = (reason or "").strip()[:300] if action == "hide" else ""
    if action == "hide" and not reason:
        raise BulkError(_("Give the public reason for hiding."))
    outcome = Outcome()
    now = timezone.now()
    with transaction.atomic():
        for kind, ids in _by_kind(kinds, pairs).items():
            rows = list(visible_rows(kind, user).filter(pk__in=ids).exclude(status__in=frozen).select_for_update(of=("self",)))
            outcome.skipped += len(ids) - len(rows)
            if not rows:
                continue
            changes = {obj.pk: obj.status for obj in rows}
            kind.model._base_manager.filter(pk__in=changes).update(
                status=status, moderation_reason=reason, moderated_at=now, moderated_by=user, updated_at=now,
                **({"published_at": Coalesce("published_at", Value(now))} if status == Status.PUBLISHED else {}),
            )
            ModerationCase.objects.filter(content_type=kind.content_type, object_id__in=changes).update(
                status=case_status, awaiting_approval=False, decided_at=now, decided_by=user
            )
            outcome.done += [(kind, obj) for obj in rows]
            _log(user, f"gestion.{action}", [(kind, obj) for obj in rows], lambda obj, changes=changes: {
                "from": changes[obj.pk], "to": status, **({"reason": reason} if reason else {})
            })
            ids = [pk for pk, previous in changes.items() if previous != status]
            if status != Status.PUBLISHED and ids:
                transaction.on_commit(
                    lambda key=kind.key, ids=ids: tell_authors_hidden.delay(user.instance_id, key, ids)
                )
        if outcome.done:
            purge(user.instance_id)
    return outcome


def move(user, kinds, pairs, step):
    """To `step` (a step the user manages): rows of a movable kind whose step has the same type. A kind whose
    `movable` is a function `move(rows, step)` moves them itself and returns those it moved."""
    outcome = Outcome()
    with transaction.atomic():
        for kind, ids in _by_kind(kinds, pairs).items():
            if not kind.movable:
                outcome.skipped += len(ids)
                continue
            rows = list(
                visible_rows(kind, user).filter(pk__in=ids, step__type=step.type).exclude(step=step)
                .select_related("step").select_for_update(of=("self",))
            )
            previous = {obj.pk: obj.step_id for obj in rows}
            if callable(kind.movable):
                # The module moves its rows itself (what follows them), and says which it moved.
                rows = list(kind.movable(rows, step))
            elif rows:
                kind.model._base_manager.filter(pk__in=previous).update(step=step, updated_at=timezone.now())
            outcome.skipped += len(ids) - len(rows)
            if not rows:
                continue
            outcome.done += [(kind, obj) for obj in rows]
            _log(user, "gestion.move", [(kind, obj) for obj in rows], lambda obj, previous=previous: {
                "from_step": previous[obj.pk], "to_step": step.pk
            })
        if outcome.done:
            purge(user.instance_id)
    return outcome


def merge(user, kinds, pairs):
    """The rows after the first are merged into the first, by the kind's own `merge` (declared in its manifest)."""
    grouped = _by_kind(kinds, pairs)
    if len(grouped) != 1:
        raise BulkError(_("Only contributions of one kind can be merged."))
    (kind, ids), = grouped.items()
    if kind.merge is None:
        raise BulkError(_("Contributions of this kind cannot be merged."))
    with transaction.atomic():
        rows = {obj.pk: obj for obj in visible_rows(kind, user).filter(pk__in=ids)}
        if ids[0] not in rows or len(rows) < 2:
            raise BulkError(_("Select at least two contributions you manage, the one to keep first."))
        into = rows.pop(ids[0])
        duplicates = [rows[pk] for pk in ids[1:] if pk in rows]
        kind.merge(duplicates, into)
        _log(user, "gestion.merge", [(kind, obj) for obj in duplicates], lambda obj: {"into": into.pk})
        purge(user.instance_id)
    return Outcome(done=[(kind, obj) for obj in duplicates], skipped=len(ids) - 1 - len(duplicates))
