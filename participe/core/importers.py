"""The importers behind `participe import KIND PATH --instance DOMAIN`; modules register theirs.

    from participe.core import importers
    importers.register("republique-numerique", import_function, help=_("…"))

`import_function(path, instance, **options)` returns a JSON-serialisable summary dict.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Importer:
    kind: str
    run: object
    help: str = ""


_importers: dict[str, Importer] = {}


def register(kind, run, help=""):  # noqa: A002 - the word the command line shows
    _importers[kind] = Importer(kind, run, help)
    return run


def get(kind):
    return _importers.get(kind)


def kinds():
    return sorted(_importers)
