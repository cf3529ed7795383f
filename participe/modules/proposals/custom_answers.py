"""A proposal's answers to its step's custom questions, as people may read them.

The form builder's "staff only" setting (`Question.private`) decides: the public proposal page shows the
other questions' answers; staff (the analysis page, the back-office export, the page seen by staff) read them
all. A file answer is never public: its link goes through the private-file view (`forms:answer_file`),
which lets only the author and the staff download it."""

from dataclasses import dataclass

from django.urls import reverse

from participe.forms.models import AnswerFile


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    staff_only: bool
    file_url: str = ""


def readable(proposal, *, staff, viewer=None):
    """[Answer] of `proposal` in the form's order: every answered question for `staff`, else the public ones.

    A file answer is listed only for staff and for the proposal's author (`viewer`), who may download it."""
    if not proposal.reply_id:
        return []
    reply = proposal.reply
    answers = reply.answers or {}
    if not answers:
        return []
    author = viewer is not None and viewer.is_authenticated and viewer.pk == proposal.author_id
    files = None
    rows = []
    for question in reply.form.definition().input_questions:
        stored = answers.get(str(question.pk))
        if stored in (None, "", [], {}):
            continue
        if not staff and (question.private or question.hidden):
            continue
        if question.type == "file":
            if not (staff or author):
                continue
            if files is None:
                files = dict(AnswerFile.objects.filter(reply=reply).values_list("question_id", "pk"))
            file_pk = files.get(question.pk)
            url = reverse("forms:answer_file", args=[file_pk]) if file_pk else ""
            rows.append(Answer(question.title, question.question_type.export_text(stored, question),
                               question.private, url))
            continue
        rows.append(Answer(question.title, question.question_type.export_text(stored, question), question.private))
    return rows
