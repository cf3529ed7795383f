"""The evaluation form an administrator designs with the form engine (step setting `evaluation_form_id`).

Analysts answer it on the analysis page, next to the built-in state, revised cost and note; the answers
are a `forms.Reply` linked to the analyst's one `Evaluation` of the proposal."""

from django.utils import timezone

from participe.forms.engine import build_django_form, save_answers
from participe.forms.models import Form, Reply
from participe.modules.proposals.step_settings import collect_settings

PREFIX = "evaluation"


def evaluation_definition(step):
    """The step's evaluation form (questions loaded), or None when the step uses the built-in one."""
    form_id = collect_settings(step).evaluation_form_id if step is not None else None
    form = Form.objects.filter(pk=form_id).first() if form_id else None
    return form.definition() if form is not None else None


def evaluation_questions(definition, data=None, files=None, evaluation=None):
    """The Django form asking the evaluation questions, filled with the analyst's earlier answers."""
    if definition is None:
        return None
    answers = evaluation.reply.answers if evaluation is not None and evaluation.reply_id else None
    return build_django_form(definition, data=data, files=files, answers=answers, prefix=PREFIX)


def store_answers(evaluation, questions, analyst):
    """Save the valid answers of `questions` into the evaluation's reply (created the first time)."""
    reply = evaluation.reply if evaluation.reply_id else None
    if reply is None or reply.form_id != questions.definition.form.pk:
        reply = Reply(form=questions.definition.form, author=analyst, instance_id=evaluation.instance_id)
    reply.is_draft = False
    reply.submitted_at = reply.submitted_at or timezone.now()
    reply = save_answers(reply, questions.cleaned_data, questions)
    if evaluation.reply_id != reply.pk:
        evaluation.reply = reply
        evaluation.save(update_fields=["reply", "updated_at"])
    return reply


def readable_answers(definition, evaluation):
    """[(question title, answer text)] of one evaluation, in the form's order."""
    if definition is None or not evaluation.reply_id:
        return []
    answers = evaluation.reply.answers or {}
    rows = []
    for question in definition.input_questions:
        stored = answers.get(str(question.pk))
        text = question.question_type.export_text(stored, question) if stored is not None else ""
        rows.append((question.title, text))
    return rows
