"""Results of every source, one after another, paginated as one list in a constant number of queries."""

from dataclasses import dataclass

from participe.search.backends import matching
from participe.search.registry import Result
from participe.search.snippets import snippet


@dataclass
class Hit:
    source_key: str
    source_label: str
    result: Result
    snippet: str = ""


class SearchResults:
    """Sliceable and countable, so Django's Paginator pages through all sources at once.

    Counting costs one query per source; a page costs one query per source it overlaps.
    """

    def __init__(self, request, query, chosen_sources, project=None, step=None):
        self.query = query
        self.groups = [(source, matching(source, request, query, project, step)) for source in chosen_sources]
        self.counts = {source.key: rows.count() for source, rows in self.groups}

    def count(self):
        return sum(self.counts.values())

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            raise TypeError("SearchResults are read by slices")
        start, stop = window.start or 0, window.stop
        hits, offset = [], 0
        for source, rows in self.groups:
            size = self.counts[source.key]
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                for row in rows[low:high]:
                    result = source.result(row)
                    hits.append(Hit(source.key, source.label, result, snippet(result.summary, self.query)))
            offset += size
            if offset >= stop:
                break
        return hits
