"""The exporter interface every module implements for its CSV/XLSX/open-data exports.

An exporter yields rows lazily (querysets read with `.iterator(chunk_size=…)`), so an
export of any size runs in constant memory, streamed to the browser or written by a job.

    class ConsultationExporter(Exporter):
        title = _("Contributions")
        def __init__(self, step): self.step = step
        def columns(self): return ["id", "title", "votes"]
        def count(self): return Opinion.objects.filter(step=self.step).count()
        def rows(self):
            for o in Opinion.objects.filter(step=self.step).iterator(chunk_size=2000):
                yield [o.pk, o.title, o.votes_total]
"""

from collections.abc import Iterator


class Exporter:
    title = ""
    filename = "export"

    def columns(self) -> list[str]:
        raise NotImplementedError

    def rows(self) -> Iterator[list]:
        raise NotImplementedError

    @classmethod
    def for_job(cls, **kwargs):
        """Build the exporter inside a background job from JSON arguments (ids); override to load objects."""
        return cls(**kwargs)

    def count(self) -> int | None:
        """Number of rows, for progress bars; None when unknown."""
        return None
