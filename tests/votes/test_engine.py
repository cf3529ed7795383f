"""The vote engine's service functions on every kind: counters, changes, withdrawals, confirmation."""

import pytest

from participe.accounts.models import User
from participe.accounts.signals import email_confirmed
from participe.votes import tallies
from participe.votes.models import Vote
from participe.votes.services import Outcome, VoteError, cast_vote, my_votes, withdraw_vote
from tests.conftest import make_user
from tests.participation.targets import AgreeTarget, ForAgainstTarget, SupportTarget

pytestmark = pytest.mark.usefixtures("participation_test_tables")


def fresh(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


@pytest.fixture
def agree(scope_a, make_step):
    return AgreeTarget.objects.create(instance=scope_a, step=make_step(scope_a))


def test_agree3_counts_each_value_and_moves_on_change(scope_a, agree, participant_a):
    other = make_user(scope_a, "other@a.test")
    assert cast_vote(participant_a, agree, 1).outcome == Outcome.CREATED
    assert cast_vote(other, agree, "-1").outcome == Outcome.CREATED
    target = fresh(agree)
    assert (target.votes_total, target.votes_agree, target.votes_mitigated, target.votes_disagree) == (2, 1, 0, 1)

    assert cast_vote(participant_a, agree, 0).outcome == Outcome.CHANGED
    target = fresh(agree)
    assert (target.votes_total, target.votes_agree, target.votes_mitigated, target.votes_disagree) == (2, 0, 1, 1)

    assert cast_vote(participant_a, agree, 0).outcome == Outcome.UNCHANGED
    assert Vote.objects.count() == 2


def test_withdraw_decrements_and_is_idempotent(scope_a, agree, participant_a):
    cast_vote(participant_a, agree, -1)
    assert withdraw_vote(participant_a, agree)
    assert not withdraw_vote(participant_a, agree)
    target = fresh(agree)
    assert (target.votes_total, target.votes_disagree) == (0, 0)
    assert not Vote.objects.exists()


def test_ballots_count_in_the_step_and_the_project_once_recounted(scope_a, agree, participant_a):
    """A vote leaves the step's and project's rows alone (every vote would lock them); the minute's recount
    (`participe.votes.tallies`) brings their totals to what the rows say."""
    cast_vote(participant_a, agree, 1)
    cast_vote(participant_a, agree, -1)
    step = agree.step
    step.refresh_from_db()
    assert step.votes_count == 0
    tallies.recount()
    step.refresh_from_db()
    step.project.refresh_from_db()
    assert (step.votes_count, step.project.votes_count) == (1, 1)
    withdraw_vote(participant_a, agree)
    tallies.recount()
    step.refresh_from_db()
    step.project.refresh_from_db()
    assert (step.votes_count, step.project.votes_count) == (0, 0)


def test_values_outside_the_kind_are_refused(scope_a, participant_a):
    support = SupportTarget.objects.create(instance=scope_a)
    for bad in (-1, 0, 2, "x", None):
        with pytest.raises(VoteError):
            cast_vote(participant_a, support, bad)
    assert not Vote.objects.exists()


def test_undeclared_models_are_not_votable(scope_a, participant_a):
    with pytest.raises(VoteError):
        cast_vote(participant_a, participant_a, 1)


def test_for_against(scope_a, participant_a):
    target = ForAgainstTarget.objects.create(instance=scope_a)
    cast_vote(participant_a, target, -1)
    cast_vote(participant_a, target, 1)
    target = fresh(target)
    assert (target.votes_total, target.votes_for, target.votes_against) == (1, 1, 0)


def test_one_vote_per_step_when_an_object_is_voted_in_several_steps(scope_a, make_step, participant_a):
    support = SupportTarget.objects.create(instance=scope_a)
    first, second = make_step(scope_a), make_step(scope_a)
    assert cast_vote(participant_a, support, 1, step=first).outcome == Outcome.CREATED
    assert cast_vote(participant_a, support, 1, step=second).outcome == Outcome.CREATED
    assert cast_vote(participant_a, support, 1, step=second).outcome == Outcome.UNCHANGED
    assert fresh(support).votes_total == 2
    assert my_votes(participant_a, [support], step=first) == {support.pk: 1}
    assert my_votes(participant_a, [support]) == {}  # its own step is None: no vote there


def test_my_votes_in_one_query(scope_a, participant_a, django_assert_num_queries):
    targets = [AgreeTarget.objects.create(instance=scope_a) for _ in range(5)]
    cast_vote(participant_a, targets[0], 1)
    cast_vote(participant_a, targets[3], -1)
    with django_assert_num_queries(1):
        mine = my_votes(participant_a, targets)
    assert mine == {targets[0].pk: 1, targets[3].pk: -1}


def test_unconfirmed_votes_count_once_the_email_is_confirmed(scope_a, agree):
    from django.utils import timezone

    newcomer = make_user(scope_a, "new@a.test", confirmed=False)
    result = cast_vote(newcomer, agree, 1)
    assert result.vote.is_counted is False
    assert fresh(agree).votes_total == 0
    assert cast_vote(newcomer, agree, -1).outcome == Outcome.CHANGED
    assert fresh(agree).votes_disagree == 0

    newcomer.email_confirmed_at = timezone.now()
    newcomer.save()
    email_confirmed.send(sender=User, user=newcomer)
    target = fresh(agree)
    assert (target.votes_total, target.votes_disagree, target.votes_agree) == (1, 1, 0)
    tallies.recount()
    agree.step.refresh_from_db()
    assert agree.step.votes_count == 1
    email_confirmed.send(sender=User, user=newcomer)  # a second signal counts nothing twice
    assert fresh(agree).votes_total == 1


def test_withdrawing_an_uncounted_vote_leaves_counters_alone(scope_a, agree):
    newcomer = make_user(scope_a, "new@a.test", confirmed=False)
    cast_vote(newcomer, agree, 1)
    assert withdraw_vote(newcomer, agree)
    assert fresh(agree).votes_total == 0


def test_an_account_never_votes_on_another_instances_object(scope_b, participant_a):
    foreign = AgreeTarget.objects.create(instance=scope_b)
    with pytest.raises(VoteError):
        cast_vote(participant_a, foreign, 1)
