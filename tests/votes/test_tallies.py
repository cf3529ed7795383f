"""The steps' and projects' vote totals: recounted from the rows by the minute's job, never moved by a vote."""

from datetime import timedelta
from io import StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.modules.proposals import ballots
from participe.projects.models import Project, Step
from participe.votes import tallies
from participe.votes.services import cast_vote, withdraw_vote
from participe.votes.tasks import recount_step_votes
from tests.conftest import make_user
from tests.proposals.conftest import make_proposal, make_step


def _totals(step):
    with in_instance(step.instance):
        step = Step.objects.select_related("project").get(pk=step.pk)
        return step.votes_count, step.project.votes_count


@pytest.mark.django_db
def test_support_votes_and_counted_ballots_add_up_in_the_step_and_the_project(instance_a):
    idea_box = make_step(instance_a, vote={"type": "support"})
    budget = make_step(instance_a, vote={"type": "budget", "budget": "100", "min_choices": 2}, slug="vote")
    idea, a, b = make_proposal(idea_box, "Idée"), make_proposal(budget, "A", cost=30), make_proposal(budget, "B", cost=30)
    voters = [make_user(instance_a, f"t{n}@a.test") for n in range(3)]
    unconfirmed = make_user(instance_a, "late@a.test", confirmed=False)
    with in_instance(instance_a):
        for voter in [*voters, unconfirmed]:
            cast_vote(voter, idea, 1)
        withdraw_vote(voters[2], idea)
        for voter in voters[:2]:
            ballots.add(voter, budget, a)
            ballots.add(voter, budget, b)
        ballots.add(voters[2], budget, a)  # below the minimum: not counted
    assert _totals(idea_box) == (0, 0)  # no vote wrote them
    assert recount_step_votes() == 2
    assert _totals(idea_box) == (2, 4) and _totals(budget) == (2, 4)
    assert tallies.recount() == 0  # nothing moved since


@pytest.mark.django_db
def test_steps_closed_long_ago_are_left_alone_and_the_recount_costs_the_same_for_more_steps(instance_a):
    open_step = make_step(instance_a, vote={"type": "support"})
    closed = make_step(instance_a, vote={"type": "support"}, slug="old")
    with in_instance(instance_a):
        Step.objects.filter(pk=closed.pk).update(
            starts_at=timezone.now() - timedelta(days=30), ends_at=timezone.now() - tallies.CLOSED_GRACE * 2,
            votes_count=7,
        )
        cast_vote(make_user(instance_a, "o@a.test"), make_proposal(open_step, "Ouverte"), 1)
    tallies.recount()
    with in_instance(instance_a):
        assert Step.objects.get(pk=closed.pk).votes_count == 7  # imported or counted before: kept
        assert Project.objects.get(pk=open_step.project_id).votes_count == 8  # the sum of its steps
    with CaptureQueriesContext(connection) as few:
        tallies.recount()
    for n in range(5):
        make_step(instance_a, vote={"type": "support"}, slug=f"more-{n}")
    with CaptureQueriesContext(connection) as more:
        tallies.recount()
    assert len(more) == len(few)


@pytest.mark.django_db
def test_the_command_recounts_every_step_of_one_instance(instance_a, instance_b):
    from django.core.management import call_command

    closed = make_step(instance_a, vote={"type": "support"}, slug="old")
    other = make_step(instance_b, vote={"type": "support"}, slug="other")
    with in_instance(instance_a):
        Step.objects.filter(pk=closed.pk).update(ends_at=timezone.now() - timedelta(days=30), votes_count=7)
    with in_instance(instance_b):
        Step.objects.filter(pk=other.pk).update(votes_count=5)
    call_command("recount_votes", "--instance", instance_a.domains.first().domain, stdout=StringIO())
    assert _totals(closed) == (0, 0)
    assert _totals(other)[0] == 5  # another instance's steps are not touched
