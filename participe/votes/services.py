"""The one way to write a vote: every module, view, API and importer goes through these functions.

The unique constraints on `Vote` are the guard against duplicates (double clicks,
parallel requests): an insert that loses the race inserts nothing (ON CONFLICT DO
NOTHING) and the existing vote is then updated under a row lock. Counters move by relative
UPDATEs (`F(column) + n`) in the same transaction, so they never drift from the rows.

A vote moves only its object's counters: the step's and project's totals, which every vote of the
project would lock until its commit, are recounted every minute (`participe.votes.tallies`). A first
vote is three statements (the vote's insert, the participant row, the object's counters) and four
the first time its voter takes part in the project (the project's participant counter); a change is
four (the insert that finds a vote, its locked read, its update, the counters), a withdrawal three
(`tests/votes/test_statements.py`).
"""

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from participe.core.sql import insert_or_ignore
from participe.participation.participants import add_participant
from participe.participation.registry import participation
from participe.projects.models import Project
from participe.votes.kinds import kind_of
from participe.votes.models import Vote


class VoteError(ValueError):
    """A vote the engine refuses (object not votable, value outside its kind)."""


class Outcome(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class VoteResult:
    outcome: Outcome
    vote: Vote


_TARGET_STEP = object()


def voting_step(target):
    """The step a vote on `target` belongs to: the declared `vote_step` hook's answer (e.g. a proposal
    voted in a selection step), else the step it was written in, else None."""
    hook = participation.features(target).vote_step
    return hook(target) if hook else getattr(target, "step", None)


def _kind(target, voter=None):
    kind = kind_of(target)
    if kind is None:
        raise VoteError(f"{target._meta.label} is not declared votable")
    if voter is not None and getattr(target, "instance_id", voter.instance_id) != voter.instance_id:
        raise VoteError("an account votes only on its own instance's objects")
    return kind


def _step_id(step):
    return step.pk if step is not None else None


def _votes_of(voter, target, step):
    """The voter's votes on `target` (in `step`): at most one, by the unique constraints."""
    return Vote.objects.filter(
        voter=voter, content_type=ContentType.objects.get_for_model(target), object_id=target.pk, step=step
    )


def _one(votes):
    # At most one row by the unique constraints: no ORDER BY to build, as `first()` would.
    return next(iter(votes[:1]), None)


def _counter_of(kind, target, value):
    # A vote cast under the model's kind keeps its counter if the object's kind narrowed since
    # (an opinion's section switched from agree/disagree to simple support).
    choice = kind.choice(value) or (model_kind.choice(value) if (model_kind := kind_of(type(target))) else None)
    return choice.counter if choice else None


def _counter_deltas(kind, target, old_value, new_value):
    deltas = Counter()
    for value, sign in ((old_value, -1), (new_value, 1)):
        if value is not None:
            deltas["votes_total"] += sign
            if counter := _counter_of(kind, target, value):
                deltas[counter] += sign
    return {field: delta for field, delta in deltas.items() if delta}


def _add(model, pk, deltas):
    model._default_manager.filter(pk=pk).update(**{field: F(field) + delta for field, delta in deltas.items()})


def _move_counters(kind, target, step, old_value=None, new_value=None):
    """Move counted votes on `target` from one value to another.

    `old_value=None` adds a vote, `new_value=None` removes one; both set changes it."""
    deltas = _counter_deltas(kind, target, old_value, new_value)
    if not deltas:
        return
    count_in_step = participation.features(target).count_in_step
    # The hook counts the vote itself when the object keeps this step's count elsewhere (a proposal voted
    # in a selection step); otherwise the object's own columns hold it.
    if not (count_in_step and count_in_step(target, step, deltas)):
        _add(type(target), target.pk, deltas)
        # The JSON answer shows the counters as the request loaded them plus this vote: no read-back.
        # A counter deferred by the caller's `only()` stays deferred: reading it would be a query.
        loaded = vars(target)
        for field, delta in deltas.items():
            if field in loaded:
                loaded[field] = (loaded[field] or 0) + delta


def _insert_vote(voter, target, step, value, counted):
    """The new vote, or None when the voter already has one here (maybe from a parallel request)."""
    now = timezone.now()
    vote = Vote(
        instance_id=voter.instance_id, voter=voter, content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk, step=step, value=value, is_counted=counted, created_at=now, updated_at=now,
    )
    row = {field.name: getattr(vote, field.attname) for field in Vote._meta.concrete_fields if not field.primary_key}
    vote.pk = insert_or_ignore(Vote, row)
    if vote.pk is None:
        return None
    vote._state.adding = False
    return vote


def cast_vote(voter, target, value, *, step=_TARGET_STEP):
    """Record `voter`'s `value` on `target`; a second identical vote changes nothing."""
    kind = _kind(target, voter)
    clean = kind.clean(value)
    if clean is None:
        raise VoteError(f"{value!r} is not a value of the {kind.key!r} vote kind")
    if step is _TARGET_STEP:
        step = voting_step(target)
    counted = bool(voter.email_confirmed)
    with transaction.atomic():
        for _attempt in range(3):
            vote = _insert_vote(voter, target, step, clean, counted)
            if vote is not None:
                new_participant = step is not None and add_participant(voter, step.project_id)
                _move_counters(kind, target, step, new_value=clean if counted else None)
                if new_participant:  # last: the project's row stays locked only until the commit
                    _add(Project, step.project_id, {"participants_count": 1})
                return VoteResult(Outcome.CREATED, vote)
            vote = _one(_votes_of(voter, target, step).select_for_update())
            if vote is None:
                continue  # withdrawn in between: insert again
            if vote.value == clean:
                return VoteResult(Outcome.UNCHANGED, vote)
            old_value, vote.value, vote.updated_at = vote.value, clean, timezone.now()
            Vote.objects.filter(pk=vote.pk).update(value=vote.value, updated_at=vote.updated_at)
            if vote.is_counted:
                _move_counters(kind, target, step, old_value=old_value, new_value=clean)
            return VoteResult(Outcome.CHANGED, vote)
    raise VoteError("the vote kept changing under concurrent requests")  # pragma: no cover


def withdraw_vote(voter, target, *, step=_TARGET_STEP):
    """Remove `voter`'s vote on `target`; True when there was one."""
    kind = _kind(target)
    if step is _TARGET_STEP:
        step = voting_step(target)
    with transaction.atomic():
        vote = _one(_votes_of(voter, target, step).select_for_update().only("pk", "value", "is_counted"))
        if vote is None:
            return False
        Vote.objects.filter(pk=vote.pk).delete()
        if vote.is_counted:
            _move_counters(kind, target, step, old_value=vote.value)
        return True


def my_votes(voter, targets, *, step=_TARGET_STEP):
    """{target pk: value} of `voter`'s votes on `targets` (objects of one model), in one query."""
    targets = list(targets)
    if not targets or voter is None or not voter.is_authenticated:
        return {}
    steps = {t.pk: _step_id(voting_step(t) if step is _TARGET_STEP else step) for t in targets}
    rows = Vote.objects.filter(
        voter=voter,
        content_type=ContentType.objects.get_for_model(targets[0]),
        object_id__in=list(steps),
    ).values_list("object_id", "step_id", "value")
    return {object_id: value for object_id, step_id, value in rows if steps.get(object_id) == step_id}


def count_votes_of(user):
    """Count the votes `user` cast while unconfirmed (called once the e-mail is confirmed)."""
    with transaction.atomic():
        pending = list(Vote.objects.select_for_update(of=("self",)).filter(voter=user, is_counted=False).select_related("step"))
        for vote in pending:
            target = vote.target
            kind = kind_of(target) if target is not None else None
            Vote.objects.filter(pk=vote.pk).update(is_counted=True)
            if kind is not None and kind.clean(vote.value) is not None:
                _move_counters(kind, target, vote.step, new_value=vote.value)
    return len(pending)


def annotate_my_votes(voter, targets):
    """Set `my_vote` (a value or None) on each of `targets`, for the vote widgets of a list."""
    targets = list(targets)
    mine = my_votes(voter, targets)
    for target in targets:
        target.my_vote = mine.get(target.pk)
    return targets
