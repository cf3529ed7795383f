"""Questionnaire, in a real browser: a reply over several pages, a logic jump over a page, the confirmation.

Each journey runs with JavaScript, without it, and with the keyboard only (the `mode` fixture).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.forms.builders import jump, make_form
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser

NEXT = "main form.reply-form button[name=action][value=next]"


@pytest.fixture
def survey(site):
    """Page 1: transport (required) and age; page 2 (cyclists only): the bike; page 3: remarks."""
    from participe.modules.questionnaires.models import Questionnaire
    from participe.projects.models import Project, Step

    with in_instance(site):
        project = Project.objects.create(title="Mobilités", slug="mobilites", is_published=True)
        now = timezone.now()
        step = Step.objects.create(
            project=project,
            type="questionnaire",
            title="Enquête mobilités",
            slug="enquete",
            starts_at=now - timedelta(days=1),
            ends_at=now + timedelta(days=10),
        )
        form, questions = make_form(
            "Enquête mobilités",
            [
                ("single_choice", "Moyen de transport", {"choices": ["Vélo", "Voiture"], "required": True}),
                ("number", "Âge", {"config": {"integer": True, "min": 0, "max": 120}}),
                ("section", "Le vélo", {}),
                ("short_text", "Votre vélo", {"required": True}),
                ("section", "Pour finir", {}),
                ("long_text", "Remarques", {}),
            ],
        )
        transport, age, _bike_page, bike, last_page, remarks = questions
        jump(transport, last_page, "Voiture")
        car = str(transport.choices.get(label="Voiture").pk)
        questionnaire = Questionnaire.objects.create(step=step, form=form)
    return questionnaire, transport, car, age, bike, remarks


def test_reply_with_a_jump_over_a_page(journey, site, survey):
    from participe.forms.models import Reply

    questionnaire, transport, car, age, bike, remarks = survey
    make_user(site, "usager@example.org", display_name="Usager")

    journey.visit("/")
    log_in(journey, "usager@example.org", PASSWORD)
    journey.visit(f"/questionnaires/{questionnaire.pk}/", checkpoint="questionnaire")
    journey.press(
        f"main a[href='/questionnaires/{questionnaire.pk}/reply/']", checkpoint="questionnaire-page-1"
    )

    # The required choice forgotten first: the error summary shows, the age typed stays.
    journey.fill(f"#id_{age.field_name}", "42")
    journey.press(NEXT, checkpoint="questionnaire-page-1-errors")
    assert journey.sees("#error-summary")
    assert journey.value(f"#id_{age.field_name}") == "42"

    journey.tick(f"input[name='{transport.field_name}'][value='{car}']")
    journey.press(NEXT, checkpoint="questionnaire-page-last")
    assert not journey.sees(f"[name='{bike.field_name}']"), "the bike page was not jumped over"
    assert journey.sees(f"textarea[name='{remarks.field_name}']")

    journey.fill(f"#id_{remarks.field_name}", "Plus de bus le dimanche, s'il vous plaît.")
    journey.press(NEXT, checkpoint="questionnaire-sent")
    assert journey.path == f"/questionnaires/{questionnaire.pk}/"
    assert journey.sees(".message--success")
    assert journey.sees(f"main a[href^='/questionnaires/{questionnaire.pk}/replies/']")  # "change my reply"
    with in_instance(site):
        reply = Reply.objects.get()
    assert not reply.is_draft
    assert str(bike.pk) not in reply.answers
    assert reply.answers[str(remarks.pk)] == "Plus de bus le dimanche, s'il vous plaît."
