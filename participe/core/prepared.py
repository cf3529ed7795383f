"""Hot lookups whose SQL the ORM builds once per process instead of once per request.

Building a query with joins costs the ORM one to three milliseconds of CPU, ten times what the
database takes to answer it. For the few lookups every hot request makes (a cached page's counters,
a vote's target), `Prepared` builds the queryset once with marker values in place of the
request's, keeps the SQL and the ORM's compiler, and on each call runs that SQL with the real
values, turning rows into values or model instances exactly as the ORM would (same converters,
same `select_related` objects).

Tenancy stays closed: the queryset is built inside a scope whose instance is itself a marker, so
the instance filter of scoped managers is a parameter, bound to the current instance at each call,
and a call with no current instance raises.

    opinion_counters = Prepared(lambda pk: Opinion.objects.filter(pk=pk).values_list("votes_total"), "pk")
    opinion_counters.rows(pk=12)      # [(34,)]
"""

import threading

from django.conf import settings
from django.db import connections
from django.db.models.query import ModelIterable, get_related_populators
from django_scopes import ScopeError, get_scope, scope

# Markers stand for the request's values while the ORM builds the SQL: positive and within 32 bits, so
# that no integer field (positive or not, 32 or 64 bits) finds them out of its range and makes the
# query match nothing; far above the constants a lookup holds (statuses, flags), which are never this large.
_FIRST_MARKER = 2**31 - 2**20
_INSTANCE = "instance"
_BIGINT_MIN, _BIGINT_MAX = -(2**63), 2**63 - 1


def prepared_cursor(connection):
    """Django's cursor; on PostgreSQL, one whose statements the server plans once per connection.

    Django binds parameters on the client, so PostgreSQL plans every query anew: for a lookup joining
    four tables, planning costs more than running it. A server-binding cursor on the same connection
    lets psycopg prepare these statements (PARTICIPE_PREPARED_STATEMENTS=0 turns it off, e.g. behind
    a transaction pooler that does not keep them). Django's own cursors never prepare.
    """
    if connection.vendor != "postgresql" or not settings.PARTICIPE_PREPARED_STATEMENTS or connection.queries_logged:
        return connection.cursor()  # logged queries (DEBUG, tests counting them) keep Django's text of the SQL
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = 0  # only server-binding cursors, i.e. these, ever prepare
    return connection.make_cursor(ServerBindingCursor(raw))


class Prepared:
    def __init__(self, build, *names, using="default"):
        """`build(**markers)` returns the queryset; `names` are its parameters."""
        if _INSTANCE in names:
            raise ValueError(f"{_INSTANCE!r} is bound to the current instance, not passed")
        self._build = build
        self._names = names
        self._using = using
        # Per thread: a compiler belongs to its thread's connection (the converters receive it).
        self._local = threading.local()

    def _compile(self):
        markers = {name: _FIRST_MARKER + number for number, name in enumerate((_INSTANCE, *self._names))}
        with scope(instance=markers[_INSTANCE]):
            queryset = self._build(**{name: markers[name] for name in self._names})
        compiler = queryset.query.get_compiler(using=self._using)
        sql, params = compiler.as_sql()
        by_marker = {marker: name for name, marker in markers.items()}
        slots = [(True, by_marker[param]) if param in by_marker else (False, param) for param in params]
        missing = set(self._names) - {value for is_name, value in slots if is_name}
        if missing:
            raise ValueError(f"the prepared query does not use {sorted(missing)}")
        # What results_iter() would work out on every call: the columns' converters, and for model
        # querysets the populators of their select_related objects.
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ValueError("prepared queries do not select composite fields")
        converters = compiler.get_converters(fields)
        makes_models = issubclass(queryset._iterable_class, ModelIterable)
        return sql, slots, compiler, converters, _model_builder(compiler, self._using) if makes_models else None

    def _ready(self):
        compiled = getattr(self._local, "compiled", None)
        if compiled is None or compiled[2].connection is not connections[self._using]:
            compiled = self._local.compiled = self._compile()
        return compiled

    def _run(self, values):
        sql, slots, compiler, converters, build_models = self._ready()
        if any(isinstance(value, int) and not _BIGINT_MIN <= value <= _BIGINT_MAX for value in values.values()):
            return [], build_models  # no column holds it (the ORM answers no rows too)
        params = []
        for is_name, value in slots:
            if not is_name:
                params.append(value)
            elif value == _INSTANCE:
                state = get_scope()
                instance = state.get(_INSTANCE) if state.get("_enabled", True) is not False else None
                if instance is None:
                    raise ScopeError("A scope on dimension(s) instance needs to be active for this query.")
                params.append(instance.pk)
            else:
                params.append(values[value])
        with prepared_cursor(connections[self._using]) as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        if converters:
            fetched = [tuple(row) for row in compiler.apply_converters(fetched, converters)]
        return fetched, build_models

    def rows(self, **values):
        """The rows of a `values_list()` queryset, converted as the ORM converts them."""
        rows, _build_models = self._run(values)
        return rows

    def objects(self, **values):
        """The model instances of a model queryset, with their `select_related` objects."""
        rows, build_models = self._run(values)
        if build_models is None:
            raise TypeError("objects() needs a queryset of model instances; use rows()")
        return [build_models(row) for row in rows]

    def first(self, **values):
        found = self.objects(**values)
        return found[0] if found else None


def _model_builder(compiler, using):
    """A function turning one converted row into the model instance the ORM would build."""
    klass_info, select = compiler.klass_info, compiler.select
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    attnames = [column[0].target.attname for column in select[start:end]]
    model = klass_info["model"]
    populators = get_related_populators(klass_info, select, using)  # they hold no per-row state

    def build(row):
        obj = model.from_db(using, attnames, row[start:end])
        for populator in populators:
            populator.populate(row, obj)
        return obj

    return build
