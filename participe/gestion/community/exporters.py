"""The export of a selection of contributions, of any kinds, run as a background job (participe.exports)."""

from django.utils.translation import gettext_lazy as _

from participe.exports.base import Exporter
from participe.gestion.community.kinds import kinds_by_key, load


class SelectionExporter(Exporter):
    title = _("Selected contributions")
    filename = "contributions"

    def __init__(self, items):
        kinds = kinds_by_key()
        self.pairs = [(kinds[key], int(pk)) for key, pk in items if key in kinds]

    def columns(self):
        return [
            str(_("Kind")), str(_("Number")), str(_("Title")), str(_("Author")), str(_("Project")), str(_("Step")),
            str(_("Status")), str(_("Created at")), str(_("Published at")),
        ]

    def count(self):
        return len(self.pairs)

    def rows(self):
        found = load(self.pairs)
        for kind, pk in self.pairs:
            obj = found.get((kind.key, pk))
            if obj is None:
                continue
            step = obj.step
            yield [
                kind.singular, obj.pk, str(obj), obj.author_name, step.project.title if step else "",
                step.title if step else "", obj.get_status_display(), obj.created_at, obj.published_at,
            ]
