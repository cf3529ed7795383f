"""The demo's participatory budget: loaded twice without doubles, listed, and open to a ballot."""

import pytest
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.modules.proposals.demo import ENVELOPE, PROPOSALS, load_demo
from participe.modules.proposals.models import Ballot, Proposal
from participe.projects.models import Step
from tests.conftest import host_client

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.django_db
def test_the_demo_budget_is_open_to_a_ballot_within_its_envelope(instance_a, participant_a):
    for _ in range(2):  # idempotent
        with in_instance(instance_a):
            load_demo(instance_a, {"citizen": participant_a}, timezone.now())
    with in_instance(instance_a):
        step = Step.objects.get(project__slug="budget-participatif", slug="vote")
        assert step.contributions_count == len(PROPOSALS) == Proposal.objects.filter(step=step).count()
        by_cost = list(Proposal.objects.filter(step=step).order_by("-estimated_cost"))
    page = host_client("a.test").get(f"/proposals/step/{step.pk}/?sort=newest")
    assert page.status_code == 200 and "Ombrager la place du marché" in page.content.decode()
    client = host_client("a.test", participant_a)
    url = f"/proposals/step/{step.pk}/ballot/"
    spent = 0
    for proposal in by_cost:  # the dearest first, until the envelope refuses one
        answer = client.post(url, {"proposal": proposal.pk}, **JSON)
        if spent + proposal.estimated_cost <= int(ENVELOPE):
            assert answer.status_code == 200, answer.json()
            spent += proposal.estimated_cost
        else:
            assert answer.status_code == 409 and "budget" in answer.json()["message"]
    with in_instance(instance_a):
        assert not Ballot.objects.get(voter=participant_a, step=step).is_counted  # the demo asks for a confirmation
    assert client.post(f"/proposals/step/{step.pk}/ballot/confirm/").status_code == 302
    with in_instance(instance_a):
        ballot = Ballot.objects.get(voter=participant_a, step=step)
        assert ballot.total_cost == spent <= int(ENVELOPE) and ballot.is_counted
