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


def test_a_ranking_step_chooses_its_consultation_from_a_list(admin_a, instance_a):
    from tests.consultation.conftest import build_consultation

    data = build_consultation(instance_a, "open", opinions=1, author=admin_a)
    with in_instance(instance_a):
        ranking = add_step(data["project"], step_types.get("ranking"), "Classement")
    client = host_client("a.test", admin_a)
    url = f"/gestion/steps/{ranking.pk}/settings/"
    page = client.get(url).content.decode()
    assert f'<option value="{data["step"].pk}">Loi — Consultation</option>' in page
    assert "its number" not in page
    assert client.post(url, {"consultation_step": "999999", "limit": "10", "threshold": "0"}).status_code == 400
    response = client.post(url, {"consultation_step": str(data["step"].pk), "limit": "5", "threshold": "1"})
    assert response.status_code == 302
    with in_instance(instance_a):
        ranking.refresh_from_db()
    assert ranking.settings["consultation_step"] == data["step"].pk and ranking.settings["limit"] == 5
