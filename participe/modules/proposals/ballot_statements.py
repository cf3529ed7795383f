"""A budget or limited ballot's change in one PostgreSQL statement, once its row is locked.

`ballots` locks the ballot row first, then decides from that row (fresh: it was read by the locking
statement) whether the change fits the step's rules and whether the ballot stays counted. When
it does, the item, the ballot's totals and the proposal's counter move in one statement instead of
four (items read, item written, ballot saved, proposal updated). Each statement runs after the
lock, so its snapshot sees every earlier change of this ballot. Changes that count or uncount the
ballot (its whole content then moves on the counters) and rankings keep the general path.
"""

from functools import lru_cache

from django.db import connections, router
from django.utils import timezone

from participe.core.prepared import prepared_cursor
from participe.modules.proposals.models import Ballot, BallotItem, Proposal


def available():
    return connections[router.db_for_write(Ballot)].vendor == "postgresql"


def _names():
    quote = connections[router.db_for_write(Ballot)].ops.quote_name

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    return quote, column


@lru_cache(maxsize=1)
def _add_sql():
    quote, column = _names()
    items, ballot, proposal = (quote(model._meta.db_table) for model in (BallotItem, Ballot, Proposal))
    votes = column(Proposal, "ballot_votes")
    item_columns = ", ".join(column(BallotItem, name) for name in ("instance", "ballot", "proposal", "rank", "cost"))
    # `already` reads the items as they were before this statement (its own insert is not visible to it).
    return (
        f"WITH new_item AS (INSERT INTO {items} ({item_columns}) SELECT %s, %s, %s, NULL, %s WHERE %s"  # noqa: S608
        f" ON CONFLICT DO NOTHING RETURNING 1),"
        f" moved_ballot AS (UPDATE {ballot} SET {column(Ballot, 'items_count')} = {column(Ballot, 'items_count')} + 1,"
        f" {column(Ballot, 'total_cost')} = {column(Ballot, 'total_cost')} + %s, {column(Ballot, 'updated_at')} = %s"
        f" WHERE {quote(Ballot._meta.pk.column)} = %s AND EXISTS (SELECT 1 FROM new_item) RETURNING 1),"
        f" moved_proposal AS (UPDATE {proposal} SET {votes} = {votes} + 1 WHERE {quote(Proposal._meta.pk.column)} = %s"
        f" AND %s AND EXISTS (SELECT 1 FROM new_item) RETURNING 1)"
        f" SELECT (SELECT count(*) FROM new_item), (SELECT count(*) FROM moved_ballot), (SELECT count(*) FROM moved_proposal),"
        f" EXISTS (SELECT 1 FROM {items} WHERE {column(BallotItem, 'ballot')} = %s AND {column(BallotItem, 'proposal')} = %s)"
    )


@lru_cache(maxsize=1)
def _remove_sql():
    quote, column = _names()
    items, ballot, proposal = (quote(model._meta.db_table) for model in (BallotItem, Ballot, Proposal))
    votes = column(Proposal, "ballot_votes")
    return (
        f"WITH gone AS (DELETE FROM {items} WHERE {column(BallotItem, 'ballot')} = %s"  # noqa: S608
        f" AND {column(BallotItem, 'proposal')} = %s RETURNING {column(BallotItem, 'cost')} AS cost),"
        f" moved_ballot AS (UPDATE {ballot} SET {column(Ballot, 'items_count')} = {column(Ballot, 'items_count')} - 1,"
        f" {column(Ballot, 'total_cost')} = {column(Ballot, 'total_cost')} - (SELECT cost FROM gone),"
        f" {column(Ballot, 'updated_at')} = %s"
        f" WHERE {quote(Ballot._meta.pk.column)} = %s AND EXISTS (SELECT 1 FROM gone) RETURNING 1),"
        f" moved_proposal AS (UPDATE {proposal} SET {votes} = {votes} - 1 WHERE {quote(Proposal._meta.pk.column)} = %s"
        f" AND %s AND EXISTS (SELECT 1 FROM gone) RETURNING 1)"
        f" SELECT (SELECT cost FROM gone), (SELECT count(*) FROM moved_ballot), (SELECT count(*) FROM moved_proposal)"
    )


def _run(sql, params):
    with prepared_cursor(connections[router.db_for_write(Ballot)]) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def add_item(ballot, proposal, cost, *, fits, counted):
    """Add `proposal` (at `cost`) to the locked `ballot` if `fits`; its counter moves if `counted`.

    Returns (added, already): `already` when the proposal was in the ballot before (nothing written).
    """
    now = timezone.now()
    added, moved, _proposal_moved, already = _run(
        _add_sql(),
        [ballot.instance_id, ballot.pk, proposal.pk, cost, fits, cost, now, ballot.pk, proposal.pk, counted, ballot.pk, proposal.pk],
    )
    if added:
        assert moved == 1, "the locked ballot row must exist"  # noqa: S101 - an invariant of the caller's lock
        ballot.items_count += 1
        ballot.total_cost += cost
        ballot.updated_at = now
    return bool(added), bool(already)


def remove_item(ballot, proposal, *, counted):
    """Remove `proposal` from the locked `ballot`; its counter moves if `counted`. False when it was not there."""
    now = timezone.now()
    cost, _moved, _proposal_moved = _run(_remove_sql(), [ballot.pk, proposal.pk, now, ballot.pk, proposal.pk, counted])
    if cost is None:
        return False
    ballot.items_count -= 1
    ballot.total_cost -= cost
    ballot.updated_at = now
    return True
