"""Turning a form definition into a Django form, and its cleaned data into stored answers."""

import os

from django import forms
from django.utils.translation import gettext_lazy as _

from participe.forms.definition import FormDefinition
from participe.forms.models import AnswerFile
from participe.forms.question_types import choice_list
from participe.translations import lookup as translations


def as_definition(form_definition):
    return form_definition if isinstance(form_definition, FormDefinition) else form_definition.definition()


class ReplyForm(forms.Form):
    """One field per input question (named `q<id>`), plus the extra fields some types need."""

    required_css_class = "field--required"

    def __init__(self, definition, questions, *args, seed=None, enforce_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.questions = questions
        translated_labels = _translated_choice_labels(questions)
        for question in questions:
            question_type = question.question_type
            field = question_type.form_field(question, seed=seed)
            if field is None:
                continue
            field.label = question.title
            field.help_text = question.help_text
            field.required = question.required and enforce_required
            if translated_labels and isinstance(field, forms.ChoiceField):
                field.choices = [(value, translated_labels.get(value, label)) for value, label in field.choices]
            self.fields[question.field_name] = field
            for name, extra in question_type.extra_fields(question).items():
                self.fields[name] = extra

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            question.question_type.clean_together(question, cleaned, self)
        return cleaned

    def items(self):
        """(question, bound field or None, extra bound fields) in order, sections included: for templates."""
        for question in self.questions:
            if question.field_name not in self.fields:
                yield question, None, []
                continue
            extras = [self[name] for name in question.question_type.extra_fields(question)]
            yield question, self[question.field_name], extras


def _translated_choice_labels(questions):
    """{choice pk as str: its label in the page's language} when the page is not in the instance's default
    language (one query for every choice of the form); {} otherwise. Question texts are translated in the template."""
    if not translations.needs_translation():
        return {}
    choices = translations.prefetch(
        [choice for question in questions if question.question_type.has_choices for choice in choice_list(question)]
    )
    labels = {}
    for choice in choices:
        label, description = translations.text(choice, "label"), translations.text(choice, "description")
        labels[str(choice.pk)] = f"{label} — {description}" if description else label
    return labels


def build_django_form(form_definition, page=None, data=None, files=None, initial=None, *, answers=None, seed=None,
                      questions=None, enforce_required=True, prefix=None):
    """A Django form asking the questions of `page` (an index into `definition.pages`; None: every page).

    `answers` (a reply's stored answers) fill the initial values and resolve the logic jumps, so only
    the questions on the respondent's path are asked; `initial` adds or overrides initial values by
    field name. `seed` (the reply's token) keeps random choice orders stable for one respondent.
    """
    definition = as_definition(form_definition)
    answers = answers or {}
    if questions is None:
        if page is None:
            questions = definition.path(answers) if definition.jumps else definition.questions
        else:
            questions = definition.page_questions(page, answers)
    initial_values = {}
    for question in questions:
        stored = answers.get(str(question.pk))
        if stored is not None and question.question_type.is_input:
            initial_values.update(question.question_type.to_initial(stored, question))
    initial_values.update(initial or {})
    return ReplyForm(
        definition,
        questions,
        data=data,
        files=files,
        initial=initial_values,
        seed=seed,
        enforce_required=enforce_required,
        prefix=prefix,
    )


def answers_from(form, cleaned_data=None):
    """Stored values of the questions a bound, valid ReplyForm asked, by str(question id). None: not answered."""
    cleaned_data = form.cleaned_data if cleaned_data is None else cleaned_data
    values = {}
    for question in form.questions:
        question_type = question.question_type
        if not question_type.is_input or question.field_name not in cleaned_data:
            continue
        value = cleaned_data[question.field_name]
        values[str(question.pk)] = None if question_type.is_empty(value) else question_type.to_storage(
            value, question, cleaned_data
        )
    return values


def save_answers(reply, cleaned_data, form=None, *, save=True):
    """Write the answers of a valid form into `reply.answers` (files into AnswerFile rows).

    `form` defaults to the questions of the reply's whole form; answers to questions the form did not
    ask are kept. Returns the reply. Does not submit it: see participe.forms.replies.
    """
    if form is None:
        form = build_django_form(reply.form.definition(), answers=reply.answers)
    stored = dict(reply.answers or {})
    for question_id, value in answers_from(form, cleaned_data).items():
        question = form.definition.by_id[int(question_id)]
        if question.type == "file":
            upload = cleaned_data.get(question.field_name)
            if not hasattr(upload, "read"):
                continue  # no new file: keep the one given before
            if reply.pk is None:
                reply.save()
            AnswerFile.objects.filter(reply=reply, question=question).delete()
            name = os.path.basename(upload.name or "file")[:200]
            saved = AnswerFile.objects.create(
                instance_id=reply.instance_id, reply=reply, question=question, file=upload, name=name,
                size=upload.size or 0, content_type=getattr(upload, "content_type", "") or "",
            )
            value = {"file": saved.pk, "name": name}
        if value is None:
            stored.pop(question_id, None)
        else:
            stored[question_id] = value
    reply.answers = stored
    if save:
        reply.save()
    return reply


def drop_off_path(reply, definition):
    """Forget answers to questions the logic jumps now skip (the respondent changed an earlier answer)."""
    on_path = {str(q.pk) for q in definition.path(reply.answers)}
    hidden = {str(q.pk) for q in definition.all_questions if q.hidden}
    reply.answers = {k: v for k, v in reply.answers.items() if k in on_path or k in hidden}


def missing_required(reply, definition):
    """Required questions on the respondent's path that have no answer (checked again at submission)."""
    answers = reply.answers or {}
    return [
        q for q in definition.path(answers)
        if q.required and q.question_type.is_input and answers.get(str(q.pk)) in (None, "", [], {})
    ]


NOT_ANSWERED = _("Not answered")
