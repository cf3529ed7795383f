"""Small builders for forms in tests (used by the questionnaire and votation tests too)."""

from participe.forms.models import Choice, Form, LogicJump, Question


def make_form(title="Enquête", questions=()):
    """`questions`: (type, title, options) with options {"choices": [...], "required": bool, "config": {...}}."""
    form = Form.objects.create(title=title)
    made = []
    for position, (kind, question_title, options) in enumerate(questions, start=1):
        made.append(add_question(form, kind, question_title, position=position, **options))
    return form, made


def add_question(form, kind, title, position=0, choices=(), other=False, **fields):
    question = Question.objects.create(form=form, type=kind, title=title, position=position, **fields)
    for index, label in enumerate(choices, start=1):
        Choice.objects.create(question=question, label=label, position=index)
    if other:
        Choice.objects.create(question=question, label="Autre", position=len(choices) + 1, is_other=True)
    return question


def jump(question, destination, choice_label=None, condition="is"):
    choice = question.choices.get(label=choice_label) if choice_label else None
    return LogicJump.objects.create(
        question=question, choice=choice, destination=destination, condition="always" if choice is None else condition
    )


def choice_id(question, label):
    return str(question.choices.get(label=label).pk)


def english_client(host, user=None):
    """A test client for `host` (logged in as `user`) that asks for English pages."""
    from django.conf import settings

    from tests.conftest import host_client

    client = host_client(host, user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
