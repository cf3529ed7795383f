"""Replies as rows: one row per reply, one column per question, multiple answers joined by " | "."""

from django.utils import timezone
from django.utils.translation import gettext as _

from participe.exports.base import Exporter
from participe.exports.writers import iter_csv
from participe.forms import export_sql


class ReplyExporter(Exporter):
    def __init__(self, definition, replies, title="", filename="replies"):
        self.definition = definition
        self.replies = replies
        self.title = title or definition.form.title
        self.filename = filename
        self.questions = definition.input_questions

    def columns(self):
        return [_("Reply"), _("Submitted at"), _("User type")] + [q.title for q in self.questions]

    def count(self):
        return self.replies.count()

    def rows(self):
        columns = [(str(q.pk), q.question_type.cell_writer(q)) for q in self.questions]
        rows = self.replies.order_by("pk").values_list("pk", "submitted_at", "segment", "answers")
        zone = timezone.get_current_timezone()
        for pk, submitted_at, segment, answers in rows.iterator(chunk_size=1000):
            cells = [pk, submitted_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if submitted_at else "", segment]
            for key, write in columns:
                stored = answers.get(key)
                cells.append("" if stored is None else write(stored))
            yield cells

    def csv_chunks(self):
        """The CSV file as UTF-8 blocks: built by PostgreSQL's COPY where it can, else row by row in Python.

        Both give the same bytes (tests/questionnaires/test_export_sql.py compares them).
        """
        lines = iter_csv(self)
        header = next(lines)  # iter_csv reads no row before its first line
        if export_sql.supported(self):
            lines.close()
            yield from export_sql.csv_chunks(self, header.encode())
            return
        yield header.encode()
        for line in lines:
            yield line.encode()
