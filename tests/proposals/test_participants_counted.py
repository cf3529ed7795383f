"""A proposal's author and a budget voter take part in the project: the project's participants counter counts them
once, as the rows say (found while making the demo's counters true, issue 19)."""

import pytest

from participe.instances.scoping import in_instance
from participe.participation.models import ProjectParticipant
from participe.projects.models import Project, Step
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step


def _participants(step):
    with in_instance(step.instance):
        project = Project.objects.get(pk=step.project_id)
        return project.participants_count, ProjectParticipant.objects.filter(project=project).count()


@pytest.mark.django_db
def test_submitting_a_proposal_counts_its_author_once(instance_a, participant_a):
    step = make_step(instance_a)
    client = host_client("a.test", participant_a)
    for title in ("Un verger partagé", "Des bancs"):
        assert (
            client.post(f"/proposals/step/{step.pk}/new/", {"title": title, "publish": "1"}).status_code
            == 302
        )
    assert _participants(step) == (1, 1)


@pytest.mark.django_db
def test_a_counted_budget_ballot_counts_its_voter_once(instance_a, participant_a):
    step = make_step(instance_a, vote={"type": "budget", "budget": "9000"})
    with in_instance(instance_a):
        Step.objects.filter(pk=step.pk).update(is_enabled=True)
    park = make_proposal(step, "Parc des Lilas", cost=3000, status="published")
    fountain = make_proposal(step, "Fontaine", cost=3000, status="published")
    client = host_client("a.test", participant_a)
    for proposal in (park, fountain):
        assert client.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk}).status_code == 302
    assert _participants(step) == (1, 1)
