"""The one way to write a vote: every module, view, API and importer goes through these functions.

The unique constraints on `Vote` are the guard against duplicates (double clicks,
parallel requests): an insert that loses the race inserts nothing (ON CONFLICT DO
NOTHING) and the existing vote is then updated under a row lock. Counters move by relative
UPDATEs (column = column + n) in the same transaction, so they never drift from the rows.
"""

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.utils import timezone

from participe.core.prepared import Prepared
from participe.core.sql import add_to_columns, delete_returning, insert_or_ignore
from participe.participation.participants import add_participant
from participe.participation.registry import participation
from participe.votes import one_statement
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
    counters_fresh: bool = False  # the target's counters were read back by the write itself


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


def _prepared_vote_lookup(locked, with_step):
    def build(voter, content_type, object_id, step=None):
        votes = Vote.objects.select_for_update() if locked else Vote.objects.all()
        of_step = {"step_id": step} if with_step else {"step__isnull": True}
        return votes.filter(voter_id=voter, content_type_id=content_type, object_id=object_id, **of_step).order_by()[:1]

    return Prepared(build, "voter", "content_type", "object_id", *(("step",) if with_step else ()))


# A vote change or withdrawal reads the vote first: these lookups are built once (participe.core.prepared).
_vote_lookups = {(locked, with_step): _prepared_vote_lookup(locked, with_step) for locked in (False, True) for with_step in (False, True)}


def _existing_vote(voter, target, step, *, locked):
    """The voter's vote on `target` (in `step`), locked until the transaction ends if `locked`, or None."""
    values = {"voter": voter.pk, "content_type": ContentType.objects.get_for_model(target).pk, "object_id": target.pk}
    if step is not None:
        values["step"] = step.pk
    return _vote_lookups[(locked, step is not None)].first(**values)


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


def _move_counters(kind, target, step, old_value=None, new_value=None, new_participant=False):
    """Move counted votes on `target` (and its step and project) from one value to another; True when
    `target`'s counters were set from the update itself (nothing left to read back).

    `old_value=None` adds a vote, `new_value=None` removes one; both set changes it. The step and
    project rows, which every vote of the project updates, come last: their row locks are then held
    only until the commit that follows."""
    deltas = _counter_deltas(kind, target, old_value, new_value)
    fresh = False
    if deltas:
        if count_in_step := participation.features(target).count_in_step:  # e.g. a proposal voted in two steps
            add_to_columns(type(target), {"pk": target.pk}, deltas)
            count_in_step(target, step, deltas)
        else:
            counters = add_to_columns(type(target), {"pk": target.pk}, deltas, returning=kind.counter_fields)
            for field, count in (counters or {}).items():
                setattr(target, field, count)
            fresh = counters is not None
    total = deltas.get("votes_total", 0) if kind.is_ballot and step is not None else 0
    if step is None or not (total or new_participant):
        return fresh
    from participe.projects.models import Project, Step

    project_counters = {"participants_count": 1} if new_participant else {}
    if total:
        add_to_columns(Step, {"pk": step.pk}, {"votes_count": total})
        project_counters["votes_count"] = total
    add_to_columns(Project, {"pk": step.project_id}, project_counters)
    return fresh


def _insert_vote(voter, target, step, value, counted):
    """The new vote, or None when the voter already has one here (maybe from a parallel request)."""
    row = _vote_row(voter, target, step, value, counted)
    pk = insert_or_ignore(Vote, row)
    return None if pk is None else _vote_from_row(pk, row, voter, target, step)


def _vote_row(voter, target, step, value, counted):
    now = timezone.now()
    return {
        "instance": voter.instance_id,
        "voter": voter.pk,
        "content_type": ContentType.objects.get_for_model(target).pk,
        "object_id": target.pk,
        "step": _step_id(step),
        "value": value,
        "is_counted": counted,
        "created_at": now,
        "updated_at": now,
    }


def _vote_from_row(pk, row, voter, target, step):
    # As the ORM builds a fetched row (positional values): Vote(**row) costs twice as much.
    values = {"id": pk, **row}
    vote = Vote.from_db(router.db_for_write(Vote), None, [values[name] for name in _VOTE_FIELD_NAMES])
    Vote.voter.field.set_cached_value(vote, voter)
    Vote.step.field.set_cached_value(vote, step)
    return vote


_VOTE_FIELD_NAMES = [field.name for field in Vote._meta.concrete_fields]


def _cast_in_one_statement(kind, voter, target, step, value):
    """A first counted vote written with all its counters in one statement (PostgreSQL), or None
    when the voter already has a vote here (nothing was written)."""
    deltas = _counter_deltas(kind, target, None, value)
    row = _vote_row(voter, target, step, value, True)
    written = one_statement.insert_counted_vote(
        row, target, step, deltas, deltas.get("votes_total", 0) if kind.is_ballot else 0, kind.counter_fields
    )
    if written is None:
        return None
    pk, _new_participant, counters = written
    for field, count in counters.items():
        setattr(target, field, count)
    return VoteResult(Outcome.CREATED, _vote_from_row(pk, row, voter, target, step), counters_fresh=True)


def _change_in_one_statement(kind, voter, target, step, value):
    """The voter's vote here changed to `value` and its counters moved (PostgreSQL), or None when there
    was nothing to change (no vote any more, or already this value)."""
    with transaction.atomic():
        changed = one_statement.change_vote(
            voter, ContentType.objects.get_for_model(target).pk, target.pk, _step_id(step), value, timezone.now()
        )
        if changed is None:
            return None
        old_value, row = changed
        vote = Vote.from_db(router.db_for_write(Vote), None, [row[field.column] for field in Vote._meta.concrete_fields])
        Vote.voter.field.set_cached_value(vote, voter)
        Vote.step.field.set_cached_value(vote, step)
        fresh = vote.is_counted and _move_counters(kind, target, step, old_value=old_value, new_value=value)
        return VoteResult(Outcome.CHANGED, vote, counters_fresh=fresh)


def cast_vote(voter, target, value, *, step=_TARGET_STEP):
    """Record `voter`'s `value` on `target`; a second identical vote changes nothing."""
    kind = _kind(target, voter)
    clean = kind.clean(value)
    if clean is None:
        raise VoteError(f"{value!r} is not a value of the {kind.key!r} vote kind")
    if step is _TARGET_STEP:
        step = voting_step(target)
    counted = bool(voter.email_confirmed)
    if counted and step is not None and participation.features(target).count_in_step is None:
        if one_statement.available(connections[router.db_for_write(Vote)]):
            result = _cast_in_one_statement(kind, voter, target, step, clean)
            if result is None:  # the voter already has a vote here: most likely a change
                result = _change_in_one_statement(kind, voter, target, step, clean)
            if result is not None:
                return result  # else withdrawn meanwhile, or the same value again: the general path says which
    with transaction.atomic():
        for _attempt in range(3):
            vote = _insert_vote(voter, target, step, clean, counted)
            if vote is not None:
                new_participant = step is not None and add_participant(voter, step.project_id)
                fresh = False
                if counted:
                    fresh = _move_counters(kind, target, step, new_value=clean, new_participant=new_participant)
                elif new_participant:
                    _move_counters(kind, target, step, new_participant=True)
                return VoteResult(Outcome.CREATED, vote, counters_fresh=fresh)
            # A repeated identical vote needs no lock: the double click returns at once.
            vote = _existing_vote(voter, target, step, locked=False)
            if vote is not None and vote.value == clean:
                return VoteResult(Outcome.UNCHANGED, vote)
            vote = _existing_vote(voter, target, step, locked=True)
            if vote is None:
                continue  # withdrawn in between: insert again
            if vote.value == clean:
                return VoteResult(Outcome.UNCHANGED, vote)
            old_value, vote.value = vote.value, clean
            vote.save(update_fields=["value", "updated_at"])
            fresh = vote.is_counted and _move_counters(kind, target, step, old_value=old_value, new_value=clean)
            return VoteResult(Outcome.CHANGED, vote, counters_fresh=fresh)
    raise VoteError("the vote kept changing under concurrent requests")  # pragma: no cover


@dataclass(frozen=True)
class Withdrawal:
    """What `withdraw_vote` did: false when there was no vote to withdraw."""

    withdrawn: bool
    counters_fresh: bool = False  # the target's counters were read back by the write itself

    def __bool__(self):
        return self.withdrawn


def withdraw_vote(voter, target, *, step=_TARGET_STEP):
    """Remove `voter`'s vote on `target`; the result is false when there was none."""
    kind = _kind(target)
    if step is _TARGET_STEP:
        step = voting_step(target)
    match = {"instance": voter.instance_id, "voter": voter.pk, "content_type": ContentType.objects.get_for_model(target).pk,
             "object_id": target.pk, "step": _step_id(step)}  # the instance too: no raw statement crosses instances
    with transaction.atomic():
        deleted = delete_returning(Vote, match, ("value", "is_counted"))
        if not deleted:
            return Withdrawal(False)
        vote = deleted[0]
        fresh = vote["is_counted"] and _move_counters(kind, target, step, old_value=vote["value"])
        return Withdrawal(True, counters_fresh=fresh)


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
