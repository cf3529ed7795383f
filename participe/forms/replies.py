"""The writes of a reply: store a page, submit, delete — each in one transaction that keeps the counts right."""

import copy

from django.db import transaction
from django.utils import timezone

from participe.forms import stats
from participe.forms.engine import drop_off_path, missing_required, save_answers


class IncompleteReply(Exception):
    def __init__(self, questions):
        super().__init__("required questions left unanswered")
        self.questions = questions


def store_page(reply, definition, form):
    """Save the answers of a valid page. A submitted reply being edited stays counted: old out, new in."""
    with transaction.atomic():
        before = None
        if reply.pk and not reply.is_draft:
            before = copy.copy(reply)
            before.answers = type(reply).objects.select_for_update().values_list("answers", flat=True).get(pk=reply.pk)
        save_answers(reply, form.cleaned_data, form, save=False)
        drop_off_path(reply, definition)
        reply.save()
        if before is not None:
            stats.record(before, definition, -1)
            stats.record(reply, definition, +1)
    return reply


def submit(reply, definition, segment="", submitted_at=None):
    """Turn a draft into a counted reply. Returns False if it was already submitted (double click)."""
    missing = missing_required(reply, definition)
    if missing:
        raise IncompleteReply(missing)
    with transaction.atomic():
        drop_off_path(reply, definition)
        now = submitted_at or timezone.now()
        updated = type(reply).objects.filter(pk=reply.pk, is_draft=True).update(
            is_draft=False, submitted_at=now, segment=segment or "", answers=reply.answers, updated_at=timezone.now()
        )
        if not updated:
            return False
        reply.is_draft, reply.submitted_at, reply.segment = False, now, segment or ""
        stats.record(reply, definition, +1)
    return True


def delete(reply, definition):
    with transaction.atomic():
        if not reply.is_draft:
            stats.record(reply, definition, -1)
        reply.delete()
