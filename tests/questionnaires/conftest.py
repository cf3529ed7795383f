from datetime import timedelta

import pytest
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.modules.questionnaires.models import Questionnaire
from participe.projects.models import Project, Step
from tests.forms.builders import jump, make_form


def make_questionnaire(instance, questions, slug="enquete", **options):
    with in_instance(instance):
        project = Project.objects.create(title="Mobilités", slug=f"mobilites-{slug}", is_published=True)
        step = Step.objects.create(
            project=project, type="questionnaire", title="Enquête mobilités", slug=slug,
            starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() + timedelta(days=10),
        )
        form, made = make_form("Enquête mobilités", questions)
        questionnaire = Questionnaire.objects.create(step=step, form=form, **options)
    return questionnaire, made


@pytest.fixture
def survey(instance_a):
    """Page 1: transport (required choice) + age; page 2 (bike only): bike text (required); page 3: remarks."""
    questionnaire, questions = make_questionnaire(
        instance_a,
        [
            ("single_choice", "Moyen de transport", {"choices": ["Vélo", "Voiture"], "required": True}),
            ("number", "Âge", {"config": {"integer": True, "min": 0, "max": 120}}),
            ("section", "Le vélo", {}),
            ("short_text", "Votre vélo", {"required": True}),
            ("section", "Pour finir", {}),
            ("long_text", "Remarques", {}),
            ("short_text", "Note interne", {"private": True}),
        ],
    )
    transport, age, _s1, bike, page3, remarks, private = questions
    with in_instance(instance_a):
        jump(transport, page3, "Voiture")
    return questionnaire, transport, age, bike, remarks, private
