"""Searchable sources: each app declares what it lets visitors find, in a `search_sources.py` module.

    from participe.search.registry import Result, SearchSource, sources

    sources.register(SearchSource(
        key="posts",
        label=_("News"),
        rows=lambda request: Post.objects.published(),   # only what this visitor may see
        fields=("title", "summary", "body"),             # most important first (weights A, B, C, D)
        result=lambda post: Result(post.title, post.get_absolute_url(), post.summary, post.published_at),
    ))

`rows(request)` must already apply the visitor's permissions: search never shows a row
that the visitor could not open. The search app discovers every shared app's module at
start-up; a participatory module instead gives a contribution's source in its manifest
(`Contribution(model, searchable=SearchSource(...))`), which this registry reads.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from participe.participation.manifest import modules


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    summary: str = ""
    date: datetime | None = None


@dataclass(frozen=True)
class SearchSource:
    key: str
    label: str
    rows: Callable[..., QuerySet]
    fields: tuple[str, ...]
    result: Callable[[object], Result]
    # Order of results when the database cannot rank them (SQLite).
    ordering: tuple[str, ...] = ("-pk",)
    # An instance feature switch that hides the whole source when off (e.g. "blog").
    feature: str | None = None
    # Place of the source's results in the page (lowest first).
    order: int = 100
    # Relations each result reads (its URL, its target): loaded with the page, never one query per row.
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    # Paths from a row to its project and step, for the search's project and step filters;
    # a source without them (pages, news) is left out when a filter is chosen.
    project_field: str | None = None
    step_field: str | None = None


class SearchRegistry:
    def __init__(self):
        self._sources = {}

    def register(self, source):
        if not 1 <= len(source.fields) <= 4:
            raise ValueError("A search source searches one to four fields (weights A to D).")
        self._sources[source.key] = source
        return source

    def unregister(self, key):
        self._sources.pop(key, None)

    def _all(self):
        return {**self._sources, **{source.key: source for source in modules.search_sources()}}

    def __iter__(self):
        return iter(sorted(self._all().values(), key=lambda source: source.order))

    def __contains__(self, key):
        return key in self._all()

    def get(self, key):
        return self._all().get(key)

    def available(self, instance):
        return [s for s in self if s.feature is None or instance.has_feature(s.feature)]


sources = SearchRegistry()
