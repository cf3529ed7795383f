"""Budget ballots under parallel requests (PostgreSQL): the lock and the check after it hold the envelope."""

from decimal import Decimal

import pytest
from django.db import close_old_connections, connection, transaction
from django.db.models import F

from participe.instances.scoping import in_instance
from participe.modules.proposals import ballots
from participe.modules.proposals.models import Ballot, BallotItem
from participe.projects.models import Step
from participe.votes import tallies
from tests.conftest import make_user
from tests.parallel import run_in_parallel
from tests.proposals.conftest import make_proposal, make_step

PARALLEL = 16
ENVELOPE = Decimal(100)
COST = Decimal(30)  # 16 × 30 = 480, far over the envelope of 100: at most 3 fit


def unlocked_add(voter, step, proposal):
    """The naive version (read, check, write, no lock): what this test proves wrong. Lives only here."""
    with transaction.atomic():
        ballot, _ = Ballot.objects.get_or_create(voter=voter, step=step, district=None, defaults={"instance_id": voter.instance_id})
        current = Ballot.objects.get(pk=ballot.pk).total_cost
        if current + proposal.cost > ENVELOPE:
            raise ballots.BallotRefused("over budget")
        import time

        time.sleep(0.05)  # the gap between check and write that real requests also have
        BallotItem.objects.create(instance_id=voter.instance_id, ballot=ballot, proposal=proposal, cost=proposal.cost)
        Ballot.objects.filter(pk=ballot.pk).update(total_cost=F("total_cost") + proposal.cost)


def _setup(instance):
    step = make_step(instance, vote={"type": "budget", "budget": str(ENVELOPE)})
    proposals = [make_proposal(step, f"Projet {n}", cost=COST) for n in range(PARALLEL)]
    voter = make_user(instance, "presse@a.test")
    with in_instance(instance):
        Ballot.objects.create(instance=instance, voter=voter, step=step)  # both variants start from a ballot row
    return step, proposals, voter


def _spent(instance, step, voter):
    with in_instance(instance):
        items = BallotItem.objects.filter(ballot__step=step, ballot__voter=voter)
        return sum((i.cost for i in items), Decimal(0)), Ballot.objects.get(step=step, voter=voter)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sixteen_parallel_adds_never_go_over_the_envelope(instance_a):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    step, proposals, voter = _setup(instance_a)

    def add(index):
        close_old_connections()
        with in_instance(instance_a):
            try:
                ballots.add(voter, Step.objects.get(pk=step.pk), proposals[index])
            except ballots.BallotRefused:
                pass

    assert run_in_parallel(PARALLEL, add) == []
    spent, ballot = _spent(instance_a, step, voter)
    assert spent <= ENVELOPE and spent == 3 * COST
    assert ballot.total_cost == spent and ballot.items_count == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_same_requests_overspend(instance_a):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL concurrency")
    step, proposals, voter = _setup(instance_a)

    def add(index):
        close_old_connections()
        with in_instance(instance_a):
            try:
                unlocked_add(voter, Step.objects.get(pk=step.pk), proposals[index])
            except ballots.BallotRefused:
                pass

    run_in_parallel(PARALLEL, add)
    spent, _ballot = _spent(instance_a, step, voter)
    assert spent > ENVELOPE


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_voters_filling_and_emptying_ballots_on_the_same_proposals_at_once_keep_exact_counters(instance_a):
    """Each ballot starts and stops counting (all its proposals move, then the step and project): rows
    locked in one order by every change, so no deadlock, and every counter equals the ballots."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL concurrency")
    step = make_step(instance_a, vote={"type": "budget", "budget": "1000", "min_choices": 3})
    proposals = [make_proposal(step, f"Projet {n}", cost=COST) for n in range(4)]
    voters = [make_user(instance_a, f"votant{n}@a.test") for n in range(8)]

    def orders(index):
        return proposals[index % 4:] + proposals[:index % 4]  # overlapping sets, taken in different orders

    def fill(index):
        close_old_connections()
        step_now = Step.objects.get(pk=step.pk)
        for proposal in orders(index):
            ballots.add(voters[index], step_now, proposal)

    def empty_but_one(index):
        close_old_connections()
        step_now = Step.objects.get(pk=step.pk)
        for proposal in reversed(orders(index)[1:]):
            ballots.remove(voters[index], step_now, proposal)

    def assert_counters(expected_votes, expected_ballots):
        with in_instance(instance_a):
            counted = BallotItem.objects.filter(ballot__step=step, ballot__is_counted=True)
            for proposal in proposals:
                proposal.refresh_from_db()
                assert proposal.ballot_votes == counted.filter(proposal=proposal).count() == expected_votes
        tallies.recount()  # the step's and project's totals: the minute's recount, never a ballot
        with in_instance(instance_a):
            step_now = Step.objects.select_related("project").get(pk=step.pk)
            assert step_now.votes_count == step_now.project.votes_count == expected_ballots

    assert run_in_parallel(len(voters), fill, instance_a) == []
    assert_counters(len(voters), len(voters))  # every ballot counts: each proposal in all eight
    assert run_in_parallel(len(voters), empty_but_one, instance_a) == []
    assert_counters(0, 0)  # one proposal left in each, below the minimum of three: none counts
    with in_instance(instance_a):
        assert BallotItem.objects.filter(ballot__step=step).count() == len(voters)
