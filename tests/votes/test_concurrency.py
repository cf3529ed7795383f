"""Must show: parallel identical votes never duplicate a row nor drift a counter (PostgreSQL).

16 threads release together behind a barrier, each round: all cast the same vote, one
thread observes the rows and counters, all withdraw. The same harness run against a
naive check-then-insert path (on a table without the unique constraint, counters by
read-modify-write) finds duplicates or drift: the test bites.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from participe.instances.scoping import in_instance
from participe.votes.models import Vote
from participe.votes.services import cast_vote, withdraw_vote
from tests.conftest import make_user
from tests.parallel import start_and_join
from tests.participation.targets import AgreeTarget, NaiveVote

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("participation_test_tables"),
]

THREADS = 16
ROUNDS = 200
VALUES = (1, 0, -1)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL")


def run_rounds(instance, rounds, cast, observe, withdraw):
    """Run `rounds` rounds on THREADS threads; returns what `observe()` saw after each round's casts.

    Each round: all threads start together, cast, wait while the last one to arrive observes
    (the barrier's action), then withdraw."""
    seen, errors = [], []
    start = threading.Barrier(THREADS, timeout=60)
    cast_done = threading.Barrier(THREADS, action=lambda: seen.append(observe(len(seen))), timeout=60)

    def worker(index):
        try:
            with in_instance(instance):
                for round_number in range(rounds):
                    start.wait()
                    cast(index, round_number)
                    cast_done.wait()
                    withdraw(index, round_number)
        except Exception as error:  # noqa: BLE001 - reported below, the barriers must not hang
            errors.append(error)
            start.abort()
            cast_done.abort()
        finally:
            connection.close()

    start_and_join(THREADS, worker)
    assert not [e for e in errors if not isinstance(e, threading.BrokenBarrierError)], errors
    return seen


@pytest.fixture
def voter_and_target(instance_a):
    voter = make_user(instance_a, "voter@a.test")
    with in_instance(instance_a):
        target = AgreeTarget.objects.create(instance=instance_a)
    return voter, target


def counters(target):
    row = AgreeTarget._base_manager.get(pk=target.pk)
    return row.votes_total, row.votes_agree, row.votes_mitigated, row.votes_disagree


def expected(value):
    return (1, int(value == 1), int(value == 0), int(value == -1))


def test_identical_parallel_votes_make_one_vote_and_exact_counters(instance_a, voter_and_target):
    voter, target = voter_and_target
    started = time.monotonic()

    def observe(round_number):
        return Vote.objects.filter(object_id=target.pk).count(), counters(target)

    seen = run_rounds(
        instance_a,
        ROUNDS,
        cast=lambda index, r: cast_vote(voter, target, VALUES[r % 3]),
        observe=observe,
        withdraw=lambda index, r: withdraw_vote(voter, target),
    )
    elapsed = time.monotonic() - started

    assert len(seen) == ROUNDS
    duplicates = sum(rows - 1 for rows, _ in seen)
    wrong = [(r, c) for r, (_, c) in enumerate(seen) if c != expected(VALUES[r % 3])]
    assert duplicates == 0
    assert wrong == []
    assert counters(target) == (0, 0, 0, 0)
    with in_instance(instance_a):
        assert not Vote.objects.exists()
    # Measured, not asserted: the time depends on the machine's load, the counts must not.
    print(f"{THREADS} threads × {ROUNDS} rounds: {elapsed:.1f}s")


def test_conflicting_parallel_votes_leave_one_vote_counted_once(instance_a, voter_and_target):
    """Half the threads vote agree, half disagree, at once: one row, counted under its final value."""
    voter, target = voter_and_target

    def observe(round_number):
        with in_instance(instance_a):
            values = list(Vote.objects.filter(object_id=target.pk).values_list("value", flat=True))
        return values, counters(target)

    seen = run_rounds(
        instance_a,
        ROUNDS // 4,
        cast=lambda index, r: cast_vote(voter, target, 1 if index % 2 else -1),
        observe=observe,
        withdraw=lambda index, r: withdraw_vote(voter, target),
    )
    for values, observed in seen:
        assert len(values) == 1
        assert observed == expected(values[0])


def test_parallel_votes_changes_and_withdrawals_leave_counters_matching_the_row(instance_a, voter_and_target):
    """Threads cast agree, cast disagree or withdraw, all at once: whatever is left, the counters say it."""
    voter, target = voter_and_target

    def act(index, round_number):
        if index % 3 == 0:
            withdraw_vote(voter, target)
        else:
            cast_vote(voter, target, 1 if index % 3 == 1 else -1)

    def observe(round_number):
        with in_instance(instance_a):
            values = list(Vote.objects.filter(object_id=target.pk).values_list("value", flat=True))
        return values, counters(target)

    seen = run_rounds(instance_a, ROUNDS // 4, cast=act, observe=observe, withdraw=lambda index, r: withdraw_vote(voter, target))
    for values, observed in seen:
        assert len(values) <= 1
        assert observed == (expected(values[0]) if values else (0, 0, 0, 0))
    assert counters(target) == (0, 0, 0, 0)


def naive_cast(voter_id, target, value):
    """What the harness must catch: check, then insert; counters by read-modify-write."""
    with transaction.atomic():
        if not NaiveVote.objects.filter(voter_id=voter_id, target_id=target.pk).exists():
            NaiveVote.objects.create(voter_id=voter_id, target_id=target.pk, value=value)
            row = AgreeTarget._base_manager.get(pk=target.pk)
            row.votes_total += 1
            row.save(update_fields=["votes_total"])


def reset_naive(target):
    """Start each naive round from nothing (its own withdrawals would drive counters negative)."""
    NaiveVote.objects.filter(target_id=target.pk).delete()
    AgreeTarget._base_manager.filter(pk=target.pk).update(votes_total=0)


def test_the_harness_catches_a_naive_check_then_insert(instance_a, voter_and_target):
    voter, target = voter_and_target

    def observe(round_number):
        return NaiveVote.objects.filter(target_id=target.pk).count(), counters(target)[0]

    seen = run_rounds(
        instance_a,
        ROUNDS,
        cast=lambda index, r: naive_cast(voter.pk, target, 1),
        observe=observe,
        withdraw=lambda index, r: reset_naive(target) if index == 0 else None,
    )
    duplicates = sum(rows - 1 for rows, _ in seen)
    drift = sum(1 for rows, total in seen if total != 1)
    print(f"naive path: {duplicates} duplicate rows, {drift} rounds with a wrong counter in {ROUNDS} rounds")
    assert duplicates > 0 or drift > 0, "the naive path survived: the harness would not catch a real bug"
