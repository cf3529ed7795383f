import pytest

from participe.instances.scoping import in_instance
from tests.participation.fixtures import (  # noqa: F401 - fixtures
    _fresh_content_types,
    make_step,
    participation_test_tables,
)
from tests.participation.targets import AgreeTarget


@pytest.fixture(autouse=True)
def _tables(participation_test_tables):  # noqa: F811 - the imported fixture
    pass


@pytest.fixture
def make_target(make_step):  # noqa: F811 - the imported fixture
    """make_target(instance, state="open", **step_fields): a commentable object in a step of that state."""

    def make(instance, state="open", **step_fields):
        step = make_step(instance, state, **step_fields)
        with in_instance(instance):
            return AgreeTarget.objects.create(instance=instance, step=step, title="Une idée")

    return make


@pytest.fixture
def target(instance_a, make_target):
    return make_target(instance_a)
