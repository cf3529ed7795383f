from django.utils.translation import gettext_lazy as _

from participe.actionlog.models import ActionLog
from participe.exports.base import Exporter


class ActionLogExporter(Exporter):
    title = _("Action log")
    filename = "action-log"

    def columns(self):
        return ["id", "when", "by", "action", "target_type", "target_id", "target", "details"]

    def count(self):
        return ActionLog.objects.count()

    def rows(self):
        entries = ActionLog.objects.select_related("target_type").order_by("pk")
        for entry in entries.iterator(chunk_size=2000):
            yield [
                entry.pk,
                entry.created_at,
                entry.actor_name,
                entry.action,
                entry.target_type.model if entry.target_type_id else "",
                entry.target_id,
                entry.target_repr,
                "; ".join(f"{key}={value}" for key, value in sorted(entry.details.items())),
            ]
