"""Matching and ranking a query against one source, per database.

PostgreSQL: full-text search (to_tsvector/websearch_to_tsquery) with the instance's language's
configuration `fr_unaccent` or `en_unaccent` (stemming, accents removed by the `unaccent` dictionary:
created by this app's migration), ranked by ts_rank with field weights A to D.
SQLite (the embedded default): every word must appear in one of the fields, compared
case- and accent-insensitively through a `participe_fold` SQL function registered on
each connection; results in the source's order. Both read the rows live, with the visitor's
visibility applied: hidden content is never found, with no index to keep in step. See docs/modules/website.md.
"""

import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, TextField

CONFIGS = {"fr": "fr_unaccent", "en": "en_unaccent"}
WEIGHTS = "ABCD"
MAX_WORDS = 8


def fold(text):
    """Lower-case, accents removed: 'Élection' -> 'election'."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Fold(Func):
    function = "participe_fold"
    output_field = TextField()


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("participe_fold", 1, fold, deterministic=True)


def _postgres(rows, source, query, language):
    config = CONFIGS.get(language, CONFIGS["fr"])
    document = None
    for field, weight in zip(source.fields, WEIGHTS, strict=False):
        part = SearchVector(F(field), config=config, weight=weight)
        document = part if document is None else document + part
    search_query = SearchQuery(query, config=config, search_type="websearch")
    return (
        rows.annotate(document=document, rank=SearchRank(document, search_query))
        .filter(document=search_query)
        .order_by("-rank", *source.ordering)
    )


def _sqlite(rows, source, query):
    words = [fold(word) for word in query.split()][:MAX_WORDS]
    condition = Q()
    for word in words:
        any_field = Q()
        for field in source.fields:
            any_field |= Q(**{f"_fold_{field}__contains": word})
        condition &= any_field
    annotations = {f"_fold_{field}": Fold(field) for field in source.fields}
    return rows.annotate(**annotations).filter(condition).order_by(*source.ordering)


def matching(source, request, query, project=None, step=None):
    """The rows of `source` that match `query` and that the visitor may see, best first,
    within `project` and `step` (primary keys) when given."""
    visible = source.rows(request)
    if project is not None:
        visible = visible.filter(**{source.project_field: project})
    if step is not None:
        visible = visible.filter(**{source.step_field: step})
    # Re-select by primary key: the visibility query may join and use DISTINCT, which
    # does not mix with ranking expressions.
    rows = visible.model._default_manager.filter(pk__in=visible.values("pk"))
    if source.select_related:
        rows = rows.select_related(*source.select_related)
    if source.prefetch_related:
        rows = rows.prefetch_related(*source.prefetch_related)
    if connection.vendor == "postgresql":
        return _postgres(rows, source, query, request.instance.default_language)
    return _sqlite(rows, source, query)
