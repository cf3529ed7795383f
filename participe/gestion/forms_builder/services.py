"""What the form builder does to a form's questions: one function per action, each in a transaction."""

from django.db import transaction
from django.db.models import F, Max

from participe.forms.definition import FormDefinition
from participe.forms.models import Choice, LogicJump, Question


def check_logic(form):
    """Raises ValidationError (rolling back the caller's transaction) when a change broke a logic jump."""
    form.definition().check_logic()


def renumber(form):
    for number, question in enumerate(Question.objects.filter(form=form).order_by("position", "pk"), start=1):
        if question.position != number:
            Question.objects.filter(pk=question.pk).update(position=number)


@transaction.atomic
def add_question(form, type_key, title):
    last = Question.objects.filter(form=form).aggregate(last=Max("position"))["last"] or 0
    return Question.objects.create(form=form, type=type_key, title=title, position=last + 1, config={})


@transaction.atomic
def move_question(question, direction):
    questions = list(Question.objects.filter(form_id=question.form_id).select_for_update().order_by("position", "pk"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    for number, each in enumerate(questions, start=1):
        if each.position != number:
            Question.objects.filter(pk=each.pk).update(position=number)
    check_logic(question.form)


@transaction.atomic
def duplicate_question(question):
    """A copy right after the original, with its choices (jumps are not copied: they would point back)."""
    Question.objects.filter(form_id=question.form_id, position__gt=question.position).update(position=F("position") + 1)
    choices = list(Choice.objects.filter(question=question).order_by("position", "pk"))
    copy = Question.objects.get(pk=question.pk)
    copy.pk = None
    copy.id = None
    copy.position = question.position + 1
    copy.save()
    for choice in choices:
        choice.pk = None
        choice.id = None
        choice.question = copy
        choice.save()
    renumber(question.form)
    return copy


@transaction.atomic
def delete_question(question):
    form = question.form
    LogicJump.objects.filter(destination=question).delete()
    question.delete()
    renumber(form)
    check_logic(form)


@transaction.atomic
def save_choices(question, formset):
    """Writes the choices formset: deletions, then labels and order (the ORDER column, else the rows' order)."""
    for form in formset.deleted_forms:
        if form.instance.pk:
            LogicJump.objects.filter(choice=form.instance).delete()
            form.instance.delete()
    kept = [f for f in formset.ordered_forms if f.cleaned_data.get("label")] if formset.can_order else []
    kept += [
        f for f in formset.forms
        if f not in kept and f not in formset.deleted_forms and f.cleaned_data.get("label")
    ]
    for number, form in enumerate(kept, start=1):
        choice = form.save(commit=False)
        choice.question = question
        choice.position = number
        choice.save()


def definition_with_jumps(question, jumps):
    """The form's definition as it would be with `jumps` as `question`'s jumps, to check before writing."""
    current = question.form.definition()
    all_jumps = dict(current.jumps)
    source = current.by_id[question.pk]
    for jump in jumps:
        jump.question = source
    all_jumps[question.pk] = jumps
    if not jumps:
        del all_jumps[question.pk]
    return FormDefinition(question.form, current.all_questions, all_jumps)


@transaction.atomic
def replace_jumps(question, jumps):
    LogicJump.objects.filter(question=question).delete()
    for number, jump in enumerate(jumps, start=1):
        jump.pk = None
        jump.position = number
        jump.question = question
        jump.save()
