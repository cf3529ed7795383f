"""The form builder in a real browser (JS on, JS off, keyboard only): from the questionnaire step's page, the
administrator adds a choice question with its choices and settings, a section and a text question, sends the
answer “Voiture” to the end of the form with a logic jump chosen from lists, and previews the form."""

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser


def _choose(journey, selector, label):
    """Pick an option of a select by its label (with the keyboard: focus it, then type the label's start)."""
    if journey.keyboard:
        journey.tab_to(selector)
        journey.page.keyboard.type(label[:6])
    else:
        journey.page.select_option(selector, label=label)
    assert journey.page.eval_on_selector(selector, "s => s.options[s.selectedIndex].text") == label


def _add(journey, type_key, title):
    journey.press("main a[href$='/questions/new/']", checkpoint=f"add-{type_key}")
    journey.tick(f"input[name=type][value={type_key}]")
    journey.fill("#id_title", title)
    journey.submit(checkpoint=f"question-{type_key}")


def test_an_administrator_builds_a_questionnaire_with_a_jump(journey, site):
    from participe.forms.models import Choice, LogicJump, Question
    from participe.gestion.services import add_step
    from participe.projects.models import Project
    from participe.projects.registry import step_types

    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    with in_instance(site):
        project = Project.objects.create(title="Mobilités", slug="mobilites")
        step = add_step(project, step_types["questionnaire"], "Enquête mobilités")
        form_id = step.questionnaire.form_id
    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)
    journey.visit(f"/gestion/steps/{step.pk}/", checkpoint="step")
    journey.press(f"main a[href='/gestion/forms/{form_id}/']", checkpoint="form")

    _add(journey, "single_choice", "Moyen de transport")
    journey.fill("#id_choices-0-label", "Vélo")
    journey.fill("#id_choices-1-label", "Voiture")
    journey.tick("#id_settings-random_order")
    journey.tick("#id_required")
    journey.submit(checkpoint="form-with-question")
    assert "Présenter les choix dans un ordre aléatoire" in journey.page.content()

    _add(journey, "section", "Le vélo")
    journey.submit(checkpoint="form-with-section")
    _add(journey, "short_text", "Votre vélo")
    journey.fill("#id_settings-max_length", "80")
    journey.submit(checkpoint="form-with-text")

    with in_instance(site):
        transport = Question.objects.get(form_id=form_id, title="Moyen de transport")
        assert transport.config["random_order"] is True and transport.required
        assert list(Choice.objects.filter(question=transport).values_list("label", flat=True)) == ["Vélo", "Voiture"]
        assert Question.objects.get(form_id=form_id, title="Votre vélo").config["max_length"] == 80
    journey.press(f"main a[href='/gestion/questions/{transport.pk}/logic/']", checkpoint="logic")
    _choose(journey, "#id_jumps-0-choice", "Voiture")
    _choose(journey, "#id_jumps-0-destination", "La fin du formulaire")
    journey.submit(checkpoint="form-with-jump")
    assert "Si la réponse est « Voiture » → la fin du formulaire" in journey.page.content()
    with in_instance(site):
        jump = LogicJump.objects.get(question=transport)
        assert jump.choice.label == "Voiture" and jump.destination_id is None

    journey.press(f"main a[href='/gestion/forms/{form_id}/preview/']", checkpoint="preview")
    assert "Page 2 sur 2" in journey.page.content() and journey.sees("fieldset[disabled] input[type=radio]")
