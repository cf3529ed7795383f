"""Single-statement writes the ORM has no word for."""

from django.db import connections, router


def insert_or_ignore(model, values):
    """INSERT one row of `model` unless a unique constraint already holds it: its pk, or None.

    One `INSERT … ON CONFLICT DO NOTHING RETURNING` (PostgreSQL, SQLite ≥ 3.35) instead of a
    savepoint, an INSERT that may fail and a rollback to the savepoint: three round trips fewer on
    the hottest writes (votes, participants). No signals are sent. `values` maps field names
    (foreign keys by their field name, given ids) to Python values and must cover every column.
    """
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
