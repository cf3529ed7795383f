"""A budget or limited ballot's change in one PostgreSQL statement, once its row is locked.

`ballots` locks the ballot row first, then decides from that row (fresh: the locking statement read
it) whether the change fits the step's rules and whether the ballot is counted before and after it.
The item, the ballot's totals, the proposals' counters and, when the ballot starts or stops
counting, the step's and project's then move in one statement instead of four to eight. It runs
after the lock, so its snapshot sees every earlier change of this ballot. Rows are locked in the
general path's order: proposals by id, then the step, then the project (each sub-statement reads
the previous one's count, which makes PostgreSQL run them in that order). Rankings, whose ranks
move, keep the general path.
"""

from functools import lru_cache

from django.db import connections, router
from django.utils import timezone

from participe.core.prepared import prepared_cursor
from participe.modules.proposals.models import Ballot, BallotItem, Proposal


def available():
    return connections[router.db_for_write(Ballot)].vendor == "postgresql"


def _quoting():
    quote = connections[router.db_for_write(Ballot)].ops.quote_name

    def table(model):
        return quote(model._meta.db_table)

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    return quote, table, column


def _counters_sql(change, other_items):
    """The proposals' counters, then the step's and project's, moved once `change` (a CTE) wrote a row."""
    from participe.projects.models import Project, Step

    quote, table, column = _quoting()
    pk = quote(Proposal._meta.pk.column)
    votes = column(Proposal, "ballot_votes")
    return (
        f" to_move AS (SELECT {pk} FROM {table(Proposal)} WHERE (({pk} = %(proposal)s AND %(changed_delta)s <> 0)"  # noqa: S608
        f" OR (%(others_delta)s <> 0 AND {pk} IN ({other_items}))) AND EXISTS (SELECT 1 FROM {change})"
        f" ORDER BY {pk} FOR UPDATE),"
        f" moved_proposals AS (UPDATE {table(Proposal)} SET {votes} = {votes}"
        f" + CASE WHEN {table(Proposal)}.{pk} = %(proposal)s THEN %(changed_delta)s ELSE %(others_delta)s END"
        f" FROM to_move WHERE {table(Proposal)}.{pk} = to_move.{pk} RETURNING 1),"
        f" moved_step AS (UPDATE {table(Step)} SET {column(Step, 'votes_count')} = {column(Step, 'votes_count')} + %(ballots_delta)s"
        f" WHERE {quote(Step._meta.pk.column)} = %(step)s AND %(ballots_delta)s <> 0"
        f" AND (SELECT count(*) FROM moved_proposals) >= 0 AND EXISTS (SELECT 1 FROM {change}) RETURNING 1),"
        f" moved_project AS (UPDATE {table(Project)} SET {column(Project, 'votes_count')} = {column(Project, 'votes_count')} + %(ballots_delta)s"
        f" WHERE {quote(Project._meta.pk.column)} = %(project)s AND (SELECT count(*) FROM moved_step) = 1 RETURNING 1)"
    )


def _ballot_sql(sign, cost):
    quote, table, column = _quoting()
    items_count, total_cost = column(Ballot, "items_count"), column(Ballot, "total_cost")
    return (
        f" moved_ballot AS (UPDATE {table(Ballot)} SET {items_count} = {items_count} {sign} 1,"  # noqa: S608
        f" {total_cost} = {total_cost} {sign} {cost}, {column(Ballot, 'is_counted')} = %(counted_after)s,"
        f" {column(Ballot, 'updated_at')} = %(now)s WHERE {quote(Ballot._meta.pk.column)} = %(ballot)s"
    )


@lru_cache(maxsize=1)
def _add_sql():
    _quote, table, column = _quoting()
    item_ballot, item_proposal = column(BallotItem, "ballot"), column(BallotItem, "proposal")
    item_columns = ", ".join(column(BallotItem, name) for name in ("instance", "ballot", "proposal", "rank", "cost"))
    # Sub-statements read the items as they were before this one: the new item is not among them.
    existing = f"SELECT {item_proposal} FROM {table(BallotItem)} WHERE {item_ballot} = %(ballot)s"  # noqa: S608
    return (
        f"WITH new_item AS (INSERT INTO {table(BallotItem)} ({item_columns})"  # noqa: S608
        f" SELECT %(instance)s, %(ballot)s, %(proposal)s, NULL, %(cost)s WHERE %(fits)s ON CONFLICT DO NOTHING RETURNING 1),"
        f"{_ballot_sql('+', '%(cost)s')} AND EXISTS (SELECT 1 FROM new_item) RETURNING 1),"
        f"{_counters_sql('new_item', existing)}"
        f" SELECT (SELECT count(*) FROM new_item), (SELECT count(*) FROM moved_ballot), (SELECT count(*) FROM moved_project),"
        f" EXISTS ({existing} AND {item_proposal} = %(proposal)s)"
    )


@lru_cache(maxsize=1)
def _remove_sql():
    _quote, table, column = _quoting()
    item_ballot, item_proposal = column(BallotItem, "ballot"), column(BallotItem, "proposal")
    others = f"SELECT {item_proposal} FROM {table(BallotItem)} WHERE {item_ballot} = %(ballot)s AND {item_proposal} <> %(proposal)s"  # noqa: S608
    return (
        f"WITH gone AS (DELETE FROM {table(BallotItem)} WHERE {item_ballot} = %(ballot)s AND {item_proposal} = %(proposal)s"  # noqa: S608
        f" RETURNING {column(BallotItem, 'cost')} AS cost),"
        f"{_ballot_sql('-', '(SELECT cost FROM gone)')} AND EXISTS (SELECT 1 FROM gone) RETURNING 1),"
        f"{_counters_sql('gone', others)}"
        f" SELECT (SELECT cost FROM gone), (SELECT count(*) FROM moved_ballot), (SELECT count(*) FROM moved_project)"
    )


def _run(sql, params):
    with prepared_cursor(connections[router.db_for_write(Ballot)]) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _params(ballot, proposal, step, counted_before, counted_after, now):
    # A ballot that starts counting adds all its proposals (and one ballot to the step and project);
    # one that stops counting takes them all away; one that counts before and after moves only the
    # changed proposal.
    return {
        "ballot": ballot.pk, "proposal": proposal.pk, "step": step.pk, "project": step.project_id, "now": now,
        "counted_after": counted_after,
        "others_delta": int(counted_after) - int(counted_before),
        "ballots_delta": int(counted_after) - int(counted_before),
    }


def add_item(ballot, proposal, cost, step, *, fits, counted_after):
    """Add `proposal` at `cost` to the locked `ballot` if `fits`, and move every counter it changes.

    Returns (added, already): `already` when the proposal was in the ballot before (nothing written).
    """
    now = timezone.now()
    params = _params(ballot, proposal, step, ballot.is_counted, counted_after, now)
    params.update(instance=ballot.instance_id, cost=cost, fits=fits, changed_delta=int(counted_after))
    added, moved, _project_moved, already = _run(_add_sql(), params)
    if added:
        assert moved == 1, "the locked ballot row must exist"  # noqa: S101 - an invariant of the caller's lock
        ballot.items_count += 1
        ballot.total_cost += cost
        ballot.is_counted = counted_after
        ballot.updated_at = now
    return bool(added), bool(already)


def remove_item(ballot, proposal, step, *, counted_after):
    """Remove `proposal` from the locked `ballot` and move every counter it changes; False when it was not there."""
    now = timezone.now()
    params = _params(ballot, proposal, step, ballot.is_counted, counted_after, now)
    params.update(changed_delta=-int(ballot.is_counted))
    cost, _moved, _project_moved = _run(_remove_sql(), params)
    if cost is None:
        return False
    ballot.items_count -= 1
    ballot.total_cost -= cost
    ballot.is_counted = counted_after
    ballot.updated_at = now
    return True
