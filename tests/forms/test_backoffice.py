"""The back office refuses invalid logic jumps before saving them."""

import pytest

from participe.forms.models import LogicJump, Question
from participe.instances.scoping import in_instance
from tests.forms.builders import english_client, make_form

# Assertions read the English source strings (the French catalogue is tested apart).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def form_with_pages(instance_a):
    with in_instance(instance_a):
        form, questions = make_form(
            questions=[
                ("single_choice", "Transport", {"choices": ["Vélo", "Voiture"]}),
                ("section", "Page 2", {}),
                ("short_text", "Vélo", {}),
                ("section", "Page 3", {}),
                ("long_text", "Fin", {}),
            ]
        )
    return form, questions


def question_post(question, jumps):
    with in_instance(question.instance):
        choices = list(question.choices.all())
    data = {
        "form": question.form_id, "position": question.position, "type": question.type, "title": question.title,
        "description": "", "help_text": "", "config": "{}",
        "choices-TOTAL_FORMS": len(choices), "choices-INITIAL_FORMS": len(choices),
        "jumps-TOTAL_FORMS": len(jumps), "jumps-INITIAL_FORMS": 0,
    }
    for index, choice in enumerate(choices):
        data.update({f"choices-{index}-id": choice.pk, f"choices-{index}-question": question.pk,
                     f"choices-{index}-position": choice.position, f"choices-{index}-label": choice.label})
    for index, (condition, choice, destination) in enumerate(jumps):
        data.update({f"jumps-{index}-question": question.pk, f"jumps-{index}-position": index,
                     f"jumps-{index}-condition": condition, f"jumps-{index}-choice": choice.pk if choice else "",
                     f"jumps-{index}-destination": destination.pk if destination else ""})
    return data


def test_backward_jump_is_refused_in_the_back_office(form_with_pages, admin_a):
    form, (transport, page2, bike, page3, end) = form_with_pages
    client = english_client("a.test", admin_a)
    response = client.post(f"/admin/forms/question/{bike.pk}/change/", question_post(bike, [("always", None, transport)]))
    assert response.status_code == 200
    assert "jumps may only go forward" in response.content.decode()
    with in_instance(form.instance):
        assert not LogicJump.objects.exists()


def test_valid_jump_is_saved_in_the_back_office(form_with_pages, admin_a):
    form, (transport, page2, bike, page3, end) = form_with_pages
    client = english_client("a.test", admin_a)
    with in_instance(form.instance):
        car = transport.choices.get(label="Voiture")
    response = client.post(f"/admin/forms/question/{transport.pk}/change/", question_post(transport, [("is", car, page3)]))
    assert response.status_code == 302
    with in_instance(form.instance):
        assert LogicJump.objects.get().destination == page3


def test_moving_a_question_that_breaks_a_jump_is_refused(form_with_pages, admin_a):
    form, (transport, page2, bike, page3, end) = form_with_pages
    with in_instance(form.instance):
        LogicJump.objects.create(question=transport, choice=transport.choices.first(), destination=page3)
        questions = list(Question.objects.filter(form=form).order_by("position"))
    data = {"title": form.title, "questions-TOTAL_FORMS": len(questions), "questions-INITIAL_FORMS": len(questions),
            "questions-MIN_NUM_FORMS": 0, "questions-MAX_NUM_FORMS": 1000}
    for index, q in enumerate(questions):
        # Move the jump's destination (page 3) before its source.
        position = 0 if q.pk == page3.pk else q.position
        data.update({f"questions-{index}-id": q.pk, f"questions-{index}-form": form.pk, f"questions-{index}-position": position,
                     f"questions-{index}-type": q.type, f"questions-{index}-title": q.title})
    response = english_client("a.test", admin_a).post(f"/admin/forms/form/{form.pk}/change/", data)
    assert response.status_code == 200 and "jumps may only go forward" in response.content.decode()


def test_forms_of_another_instance_are_not_in_the_back_office(form_with_pages, admin_b):
    form, _questions = form_with_pages
    assert english_client("b.test", admin_b).get(f"/admin/forms/form/{form.pk}/change/").status_code in (302, 404)
