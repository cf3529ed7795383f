"""Fixtures shared by the participation, votes and comments tests (imported by their conftest)."""

import pytest
from django.db import connection

from participe.projects.models import Project, Step
from participe.projects.registry import StepState, StepType, step_types
from tests.participation.targets import TEST_MODELS

PARTICIPATION_STEP = StepType(
    key="tests-participation",
    label="Participation (tests)",
    actions={"vote": {StepState.OPEN}, "comment": {StepState.OPEN}},
)
step_types.register(PARTICIPATION_STEP)


@pytest.fixture(scope="session")
def participation_test_tables(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        existing = set(connection.introspection.table_names())
        with connection.schema_editor() as editor:
            for model in TEST_MODELS:
                if model._meta.db_table not in existing:
                    editor.create_model(model)


@pytest.fixture
def make_step():
    """make_step(instance, state="open", **fields): a project and a step in that state."""
    from datetime import timedelta

    from django.utils import timezone

    from participe.instances.scoping import in_instance

    def make(instance, state="open", **fields):
        now = timezone.now()
        dates = {
            "open": (now - timedelta(days=1), now + timedelta(days=1)),
            "future": (now + timedelta(days=1), now + timedelta(days=2)),
            "closed": (now - timedelta(days=2), now - timedelta(days=1)),
        }[state]
        with in_instance(instance):
            project, _ = Project.objects.get_or_create(
                slug="projet", defaults={"title": "Projet", "is_published": True, "instance": instance}
            )
            return Step.objects.create(
                project=project,
                type=PARTICIPATION_STEP.key,
                title=f"Étape {state}",
                slug=f"etape-{state}-{Step.objects.count()}",
                starts_at=dates[0],
                ends_at=dates[1],
                instance=instance,
                **fields,
            )

    return make


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """Content types of the test models are created inside rolled-back tests: never reuse a stale id."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()
