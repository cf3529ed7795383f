"""Replies from a CSV file whose header names the questions (the export's own format is accepted back)."""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participe.forms import stats


class ImportErrors(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def read_rows(text_or_file):
    text = text_or_file if isinstance(text_or_file, str | bytes) else text_or_file.read()
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    text = text.lstrip("\ufeff")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    return csv.reader(io.StringIO(text), dialect)


def parse(definition, text_or_file):
    """[(segment, answers)] for every data row; raises ImportErrors listing every bad cell (line and column)."""
    rows = read_rows(text_or_file)
    header = next(rows, None) or []
    by_title = {q.title.strip().lower(): q for q in definition.input_questions}
    columns = []
    unknown = []
    for index, name in enumerate(header):
        name = name.strip()
        if name.lower() in by_title:
            columns.append((index, by_title[name.lower()]))
        elif name.lower() in (_("User type").lower(), "user type", "type d'utilisateur"):
            columns.append((index, "segment"))
        elif name.lower() not in (_("Reply").lower(), _("Submitted at").lower(), "reply", "submitted at"):
            unknown.append(name)
    errors = [_("Unknown column: %(name)s") % {"name": name} for name in unknown]
    parsed = []
    for line, row in enumerate(rows, start=2):
        answers, segment = {}, ""
        for index, target in columns:
            cell = row[index].strip() if index < len(row) else ""
            if target == "segment":
                segment = cell
                continue
            if not cell:
                if target.required:
                    errors.append(_("Line %(line)d, “%(q)s”: an answer is required.") % {"line": line, "q": target.title})
                continue
            try:
                value = target.question_type.from_text(cell, target)
            except ValidationError as exc:
                errors.append(
                    _("Line %(line)d, “%(q)s”: %(error)s") % {"line": line, "q": target.title, "error": " ".join(exc.messages)}
                )
                continue
            if value is not None:
                answers[str(target.pk)] = value
        parsed.append((segment, answers))
    if errors:
        raise ImportErrors(errors)
    return parsed


def import_replies(definition, text_or_file, create_reply):
    """All rows or none. `create_reply(segment, answers)` saves one submitted Reply and returns it."""
    parsed = parse(definition, text_or_file)
    with transaction.atomic():
        for segment, answers in parsed:
            reply = create_reply(segment, answers)
            stats.record(reply, definition, +1)
    return len(parsed)
