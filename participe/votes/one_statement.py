"""A new counted vote, its participant row and every counter it moves, in one PostgreSQL statement;
and a change of vote in one statement that locks the vote and replaces its value (`change_vote`).

The general path (`services.cast_vote`) takes seven round trips for a first vote: BEGIN, the vote,
the participant row, the target's, the step's and the project's counters, COMMIT. On PostgreSQL,
data-modifying CTEs do it all in one statement, atomic by itself: nothing is written when the vote
already exists (the unique constraints decide, as in the general path), and the rows are locked in
the general path's order (target, step, project) because the final SELECT reads them in that order.
"""

from functools import lru_cache

from django.apps import apps
from django.db import connections, router

from participe.core.prepared import prepared_cursor
from participe.core.sql import column_namer
from participe.votes.models import Vote


def available(connection):
    return connection.vendor == "postgresql"


@lru_cache(maxsize=64)
def _statement(vote_columns, target_model, target_fields, returned_fields, counts_in_step):
    participant = apps.get_model("participation", "ProjectParticipant")._meta
    step, project = apps.get_model("projects", "Step")._meta, apps.get_model("projects", "Project")._meta
    connection = connections[router.db_for_write(Vote)]
    quote = connection.ops.quote_name
    target = target_model._meta

    def column(meta, name):
        return quote(meta.get_field(name).column)

    def table(meta):
        return quote(meta.db_table)

    moves = ", ".join(f"{column(target, name)} = {column(target, name)} + %s" for name in target_fields)
    returned = ", ".join(column(target, name) for name in returned_fields)
    participant_columns = ", ".join(column(participant, name) for name in ("instance", "project", "user", "first_seen_at"))
    if counts_in_step:
        step_cte = (
            f", moved_step AS (UPDATE {table(step)} SET {column(step, 'votes_count')} = {column(step, 'votes_count')} + %s"  # noqa: S608
            f" WHERE {quote(step.pk.column)} = %s AND EXISTS (SELECT 1 FROM new_vote) RETURNING 1)"
        )
        project_votes = f"{column(project, 'votes_count')} = {column(project, 'votes_count')} + %s, "
        project_when = "EXISTS (SELECT 1 FROM new_vote)"
        step_read = "(SELECT count(*) FROM moved_step)"
    else:
        step_cte, project_votes, project_when, step_read = "", "", "EXISTS (SELECT 1 FROM new_participant)", "0"
    participants = column(project, "participants_count")
    # Names come from the models; every value is a parameter.
    return (
        f"WITH new_vote AS (INSERT INTO {table(Vote._meta)} ({', '.join(quote(c) for c in vote_columns)})"  # noqa: S608
        f" VALUES ({', '.join(['%s'] * len(vote_columns))}) ON CONFLICT DO NOTHING RETURNING {quote(Vote._meta.pk.column)}),"
        f" new_participant AS (INSERT INTO {table(participant)} ({participant_columns})"
        f" SELECT %s, %s, %s, %s FROM new_vote ON CONFLICT DO NOTHING RETURNING 1),"
        f" moved_target AS (UPDATE {table(target)} SET {moves} WHERE {quote(target.pk.column)} = %s"
        f" AND EXISTS (SELECT 1 FROM new_vote) RETURNING {returned})"
        f"{step_cte},"
        f" moved_project AS (UPDATE {table(project)} SET {project_votes}"
        f"{participants} = {participants} + (SELECT count(*) FROM new_participant)"
        f" WHERE {quote(project.pk.column)} = %s AND {project_when} RETURNING 1)"
        f" SELECT (SELECT {quote(Vote._meta.pk.column)} FROM new_vote), (SELECT count(*) FROM new_participant),"
        f" moved_target.*, {step_read}, (SELECT count(*) FROM moved_project)"
        f" FROM moved_target"
    )


def insert_counted_vote(row, target, step, deltas, counts_in_step, returned_fields):
    """Write the vote `row` (field name → value, every column) with its consequences, or nothing.

    Moves `deltas` (field → ±n) on `target`, `counts_in_step` on the step's and project's vote
    counters, adds the voter's participant row (and counts it on the project) the first time.
    Returns (vote pk, new participant?, {field: value after the move} for `returned_fields`), or
    None when the voter already has a vote here.
    """
    connection = connections[router.db_for_write(Vote)]
    fields = [Vote._meta.get_field(name) for name in row]
    target_fields = tuple(deltas)
    sql = _statement(
        tuple(field.column for field in fields), type(target), target_fields, tuple(returned_fields), bool(counts_in_step)
    )
    params = [field.get_db_prep_save(row[field.name], connection) for field in fields]
    params += [row["instance"], step.project_id, row["voter"], row["created_at"]]
    params += [deltas[name] for name in target_fields] + [target.pk]
    if counts_in_step:
        params += [counts_in_step, step.pk, counts_in_step]
    params.append(step.project_id)
    with prepared_cursor(connection) as cursor:  # planned once per connection, not once per vote
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:
        return None
    vote_pk, new_participant, *values = found[: 2 + len(returned_fields)]
    return vote_pk, bool(new_participant), dict(zip(returned_fields, values, strict=True))


@lru_cache(maxsize=4)
def _change_statement(with_step, returned_columns):
    connection = connections[router.db_for_write(Vote)]
    quote, meta = connection.ops.quote_name, Vote._meta
    table, column = quote(meta.db_table), column_namer(Vote, connection.alias)
    of_step = f"{column('step')} = %s" if with_step else f"{column('step')} IS NULL"
    returned = ", ".join(f"changed.{quote(name)}" for name in returned_columns)
    # The sub-select locks the vote and reads its latest committed value (READ COMMITTED re-reads a row
    # it waited for), so the old value the counters move from is the one being replaced.
    return (
        f"UPDATE {table} AS changed SET {column('value')} = %s, {column('updated_at')} = %s"  # noqa: S608
        f" FROM (SELECT {quote(meta.pk.column)}, {column('value')} FROM {table}"
        f" WHERE {column('instance')} = %s AND {column('voter')} = %s AND {column('content_type')} = %s"
        f" AND {column('object_id')} = %s AND {of_step}"
        f" FOR UPDATE) AS old"
        f" WHERE changed.{quote(meta.pk.column)} = old.{quote(meta.pk.column)} AND old.{column('value')} <> %s"
        f" RETURNING old.{column('value')}, {returned}"
    )


def change_vote(voter, content_type_id, object_id, step_id, value, now):
    """Give `voter`'s vote on the object (in the step) the new `value`, in one statement that locks it
    first; returns (old value, the vote's row as {column: value} after the change), or None when there is
    no vote or it already has that value (nothing was written). Call it inside the transaction that moves
    the counters."""
    connection = connections[router.db_for_write(Vote)]
    columns = tuple(field.column for field in Vote._meta.concrete_fields)
    of_step = [step_id] if step_id is not None else []
    params = [value, now, voter.instance_id, voter.pk, content_type_id, object_id, *of_step, value]
    with prepared_cursor(connection) as cursor:
        cursor.execute(_change_statement(step_id is not None, columns), params)
        found = cursor.fetchone()
    if found is None:
        return None
    return found[0], dict(zip(columns, found[1:], strict=True))
