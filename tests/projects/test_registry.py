"""A module plugs a step type in by declaring it: no core code knows about it."""

import pytest
from django.http import HttpResponse

from participe.instances.scoping import in_instance
from participe.projects.models import Step
from participe.projects.registry import StepState, StepType, step_types
from tests.projects.conftest import make_project


def petition_page(request, step):
    """The public view of the test-only step type, as a module would write it."""
    state = step.state()
    return HttpResponse(f"<h1>Petition: {step.title}</h1><p>state={state} sign={step.allows('sign')}</p>")


@pytest.fixture
def petition_type():
    step_type = step_types.register(
        StepType(
            key="test_petition",
            label="Petition",
            description="Signatures collected for a test.",
            view=f"{__name__}.petition_page",
            actions={"sign": {StepState.OPEN}},
        )
    )
    yield step_type
    step_types.unregister("test_petition")


def test_builtin_step_types_are_registered():
    assert {"presentation", "other"} <= {t.key for t in step_types}
    assert not step_types.get("presentation").participatory


def test_a_registered_step_type_is_offered_and_served(petition_type, instance_a, client_a):
    assert ("test_petition", "Petition") in step_types.choices()
    make_project(instance_a, "petition", steps=[{"type": "test_petition", "title": "Sign it", "slug": "sign"}])

    project_page = client_a.get("/projects/petition/")
    assert project_page.status_code == 200
    assert "Sign it" in project_page.content.decode()
    assert "Petition" in project_page.content.decode()  # its label in the timeline

    step_page = client_a.get("/projects/petition/sign/")
    assert step_page.status_code == 200
    assert step_page.content.decode() == "<h1>Petition: Sign it</h1><p>state=open sign=True</p>"


def test_actions_follow_the_declared_states(petition_type, instance_a):
    from datetime import timedelta

    from django.utils import timezone

    project = make_project(
        instance_a, "petition", steps=[{"type": "test_petition", "ends_at": timezone.now() - timedelta(days=1)}]
    )
    with in_instance(instance_a):
        step = Step.objects.get(project=project)
    assert step.state() == StepState.CLOSED
    assert not step.allows("sign")
    assert not step.allows("something-undeclared")


def test_a_step_whose_module_is_gone_is_not_found(petition_type, instance_a, client_a):
    make_project(instance_a, "petition", steps=[{"type": "test_petition", "slug": "sign"}, {"slug": "intro"}])
    step_types.unregister("test_petition")
    assert client_a.get("/projects/petition/sign/").status_code == 404
    # The rest of the project keeps working.
    assert client_a.get("/projects/petition/").status_code == 200
    assert client_a.get("/projects/petition/intro/").status_code == 200


def test_builtin_steps_render_their_text(instance_a, client_a):
    make_project(instance_a, "plu", steps=[{"slug": "intro", "body": "<p>Le <strong>PLU</strong> évolue.</p>"}])
    response = client_a.get("/projects/plu/intro/")
    assert response.status_code == 200
    assert "Le <strong>PLU</strong> évolue." in response.content.decode()


def test_registering_a_different_type_under_a_taken_key_is_refused(petition_type):
    with pytest.raises(ValueError):
        step_types.register(StepType(key="test_petition", label="Another"))
