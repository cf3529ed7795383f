from datetime import timedelta

import pytest
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.modules.votations.models import Votation
from participe.projects.models import Project, Step
from tests.forms.builders import make_form

OPEN = (timedelta(days=-1), timedelta(days=5))
FUTURE = (timedelta(days=1), timedelta(days=5))


def make_votation(instance, electorate="accounts", window=OPEN, slug="election"):
    with in_instance(instance):
        project = Project.objects.create(title="Élections", slug=f"elections-{slug}", is_published=True)
        now = timezone.now()
        step = Step.objects.create(
            project=project, type="votation", title="Élection du bureau", slug=slug,
            starts_at=now + window[0], ends_at=now + window[1],
        )
        form, questions = make_form(
            "Bulletin",
            [
                ("single_choice", "Présidence", {"choices": ["Alice", "Bruno"], "required": True}),
                ("majority_judgment", "Projets", {"choices": ["Tram", "Bus"], "required": True}),
            ],
        )
        votation = Votation.objects.create(step=step, form=form, electorate=electorate)
    return votation, questions


def close(votation):
    with in_instance(votation.instance):
        now = timezone.now()
        Step.objects.filter(pk=votation.step_id).update(starts_at=now - timedelta(days=3), ends_at=now - timedelta(minutes=1))
        votation.step.refresh_from_db()


def count_and_publish(votation):
    """What the organiser does in /gestion/ after the close: count, review, publish."""
    from participe.modules.votations import services

    with in_instance(votation.instance):
        counted = Votation.objects.select_related("step", "form").get(pk=votation.pk)
        services.compute_results(counted)
        services.publish_results(counted, None)


@pytest.fixture
def election(instance_a):
    return make_votation(instance_a)


def ballot_data(questions, president="Alice", tram=6, bus=2):
    presidency, projects = questions
    with in_instance(presidency.instance):
        choices = {c.label: c.pk for c in presidency.choices.all()}
        grades = {c.label: c.pk for c in projects.choices.all()}
    return {
        presidency.field_name: str(choices[president]),
        f"{projects.field_name}_{grades['Tram']}": str(tram),
        f"{projects.field_name}_{grades['Bus']}": str(bus),
    }
