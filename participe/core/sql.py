"""The statements the ORM has no word for: an insert that a unique constraint may turn into nothing, and one
that adds to the row it meets. Each names the instance its rows belong to, checked against the one served,
since these statements bypass the scoped managers."""

from django.db import connections, router
from django_scopes import ScopeError, get_scope


def insert_or_ignore(model, values):
    """INSERT one row of `model` unless a unique constraint already holds it: its pk, or None.

    One `INSERT … ON CONFLICT DO NOTHING RETURNING` (PostgreSQL, SQLite ≥ 3.35): the duplicate guard
    of votes and participant rows, without a savepoint and a failing INSERT. No signals are sent.
    `values` maps field names (foreign keys by their field name, given ids) to Python values, must
    cover every column and name the row's instance, which must be the active scope's: the statement
    bypasses the scoped managers, so it checks the tenancy they would.
    """
    _check_instance(model, values.get("instance"))
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    meta = model._meta
    fields = [meta.get_field(name) for name in values]
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    params = [field.get_db_prep_save(values[field.name], connection) for field in fields]
    # Table and column names come from the model, every value is a parameter.
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING RETURNING {pk}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def add_to_counters(model, rows, *, unique, counter, instance_id):
    """For each row (a dict of field names to values, `counter` holding the amount to add), add to the row of
    `model` with the same `unique` fields, or insert it: `INSERT … ON CONFLICT (unique) DO UPDATE SET counter =
    counter + excluded.counter`, one statement per row in one round trip, in the caller's transaction.

    The rows belong to `instance_id` (through a parent, e.g. a form's counts): the active scope's instance.
    Callers sort `rows` so that concurrent transactions lock the rows in the same order."""
    _check_instance(model, instance_id)
    rows = list(rows)
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    meta = model._meta
    fields = [meta.get_field(name) for name in rows[0]]
    table, column = quote(meta.db_table), quote(meta.get_field(counter).column)
    columns = ", ".join(quote(field.column) for field in fields)
    conflict = ", ".join(quote(meta.get_field(name).column) for name in unique)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model, every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "  # noqa: S608
        f"ON CONFLICT ({conflict}) DO UPDATE SET {column} = {table}.{column} + excluded.{column}"
    )
    params = [[field.get_db_prep_save(row[field.name], connection) for field in fields] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _check_instance(model, instance_id):
    if instance_id is None:
        raise ValueError(f"a row of {model._meta.label} inserted without its instance")
    state = get_scope()
    if state.get("_enabled", True) is False:
        return  # platform-wide code (commands, imports) opted out visibly
    active = state.get("instance")
    if active is None:
        raise ScopeError("A scope on dimension(s) instance needs to be active for this query.")
    if getattr(active, "pk", active) != instance_id:
        raise ScopeError(f"a row of {model._meta.label} for instance {instance_id} inserted while serving another")
