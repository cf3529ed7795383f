"""A debate step's own fields in the back office, and its checklist."""

import pytest

from participe.gestion.services import add_step
from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Debate
from participe.projects.models import Project, Step
from participe.projects.registry import step_types
from tests.conftest import host_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(instance_a):
    with in_instance(instance_a):
        project = Project.objects.create(title="Vélo", slug="velo")
        return add_step(project, step_types.get("debate"), "Faut-il piétonniser le centre ?")


def test_a_new_debate_step_is_completed_in_its_editor_then_published(step, admin_a, instance_a):
    client = host_client("a.test", admin_a)
    page = client.get(f"/gestion/steps/{step.pk}/").content.decode()
    assert "The debate has no statement for or against yet." in page
    with in_instance(instance_a):
        debate = Debate.objects.get(step=step)
    url = f"/gestion/consultation/debates/{debate.pk}/"
    assert f'href="{url}"' in page
    response = client.post(url, {"question": "Faut-il piétonniser le centre-ville ?", "body": "Le contexte.",
                                 "statement_for": "", "statement_against": "Non."})
    assert response.status_code == 400 and "Statement for" in response.content.decode() and "error-summary" in response.content.decode()
    response = client.post(url, {
        "question": "Faut-il piétonniser le centre-ville ?", "body": "Le contexte.", "statement_for": "Oui, pour respirer.",
        "statement_for_author": "Association Air", "statement_against": "<p>Non <script>x</script>: les commerces.</p>",
        "statement_against_author": "Union des commerçants", "allows_anonymous_votes": "on",
    })
    assert response.status_code == 302 and response["Location"] == f"/gestion/steps/{step.pk}/"
    with in_instance(instance_a):
        debate.refresh_from_db()
    assert debate.statement_for == "<p>Oui, pour respirer.</p>" and "script" not in debate.statement_against
    assert debate.allows_anonymous_votes and debate.statement_against_author == "Union des commerçants"
    client.post(f"/gestion/steps/{step.pk}/publish/")
    with in_instance(instance_a):
        assert Step.objects.get(pk=step.pk).is_enabled
