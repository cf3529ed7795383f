"""Logic jumps: the path followed page by page, and configurations refused when saved."""

import pytest
from django.core.exceptions import ValidationError

from participe.forms.engine import build_django_form
from tests.forms.builders import add_question, choice_id, jump, make_form

# Assertions read the English source strings (the French catalogue is tested apart).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def survey(scope_a):
    form, (transport, frequency, page2, bike, page3, end_text) = make_form(
        questions=[
            ("single_choice", "Moyen de transport", {"choices": ["Vélo", "Voiture"], "required": True}),
            ("short_text", "Fréquence", {}),
            ("section", "Le vélo", {}),
            ("short_text", "Votre vélo", {"required": True}),
            ("section", "Pour finir", {}),
            ("long_text", "Remarques", {}),
        ]
    )
    return form, transport, frequency, bike, page3


def test_pages_start_at_section_headers(survey):
    form, transport, frequency, bike, page3 = survey
    definition = form.definition()
    assert [[q.title for q in page] for page in definition.pages] == [
        ["Moyen de transport", "Fréquence"],
        ["Le vélo", "Votre vélo"],
        ["Pour finir", "Remarques"],
    ]


def test_jump_skips_pages_and_their_required_questions(survey):
    form, transport, frequency, bike, page3 = survey
    jump(transport, page3, "Voiture")
    definition = form.definition()
    by_car = {str(transport.pk): {"choice": int(choice_id(transport, "Voiture"))}}
    by_bike = {str(transport.pk): {"choice": int(choice_id(transport, "Vélo"))}}
    assert definition.path_pages(by_car) == [0, 2]
    assert definition.path_pages(by_bike) == [0, 1, 2]
    assert bike.field_name not in build_django_form(definition, answers=by_car).fields
    assert bike.field_name in build_django_form(definition, answers=by_bike).fields


def test_is_not_and_default_destination(survey):
    form, transport, frequency, bike, page3 = survey
    jump(transport, None, "Vélo", condition="is_not")  # not by bike: end of the form
    definition = form.definition()
    by_car = {str(transport.pk): {"choice": int(choice_id(transport, "Voiture"))}}
    assert [q.title for q in definition.path(by_car)] == ["Moyen de transport"]
    form2, (q1, q2, section, q3) = make_form(
        "Autre",
        [("short_text", "Nom", {}), ("short_text", "Age", {}), ("section", "Fin", {}), ("short_text", "Fin", {})],
    )
    jump(q1, section)  # "always": the default destination
    assert [q.title for q in form2.definition().path({})] == ["Nom", "Fin", "Fin"]


def refused(form):
    with pytest.raises(ValidationError) as caught:
        form.definition().check_logic()
    return " ".join(caught.value.messages)


def test_backward_jump_is_refused(survey):
    form, transport, frequency, bike, page3 = survey
    jump(bike, transport)  # back to the first page: a loop
    assert "jumps may only go forward" in refused(form)


def test_jump_to_itself_is_refused(survey):
    form, transport, frequency, bike, page3 = survey
    jump(transport, transport, "Vélo")
    assert "jumps may only go forward" in refused(form)


def test_jump_within_the_same_page_is_refused(survey):
    form, transport, frequency, bike, page3 = survey
    jump(transport, frequency, "Vélo")
    assert "must be on a later page" in refused(form)


def test_jump_to_another_form_is_refused(survey):
    form, transport, frequency, bike, page3 = survey
    other_form, (elsewhere,) = make_form("Autre", [("short_text", "Ailleurs", {})])
    jump(transport, elsewhere, "Vélo")
    assert "another form" in refused(form)


def test_condition_on_a_question_without_choices_is_refused(survey):
    form, transport, frequency, bike, page3 = survey
    from participe.forms.models import LogicJump

    LogicJump.objects.create(question=frequency, condition="is", choice=transport.choices.first(), destination=page3)
    assert "has no choices" in refused(form)


def test_choice_of_another_question_is_refused(survey):
    form, transport, frequency, bike, page3 = survey
    other = add_question(form, "single_choice", "Autre", position=2, choices=["X"])
    from participe.forms.models import LogicJump

    LogicJump.objects.create(question=other, condition="is", choice=transport.choices.first(), destination=page3)
    assert "choice of another question" in refused(form)


def test_two_default_destinations_are_refused(survey):
    form, transport, frequency, bike, page3 = survey
    jump(frequency, page3)
    jump(frequency, None)
    assert "more than one default destination" in refused(form)


def test_valid_configuration_passes(survey):
    form, transport, frequency, bike, page3 = survey
    jump(transport, page3, "Voiture")
    jump(frequency, None)
    form.definition().check_logic()
