"""The pure result rules: greedy within a budget and the Method of Equal Shares."""

from fractions import Fraction

import pytest

from participe.modules.proposals import pabulib, winners
from participe.modules.proposals.rules import VoteRule

TOULOUSE = "/work/shared/data/pabulib/France_Toulouse_2024.pb"


def C(key, cost, votes=0):
    return winners.Candidate(key, Fraction(cost), votes)


def test_greedy_skips_a_project_that_no_longer_fits_and_takes_a_cheaper_one():
    candidates = [C("a", 60, 10), C("b", 50, 9), C("c", 40, 8), C("d", 1, 0)]
    assert winners.greedy(candidates, 100) == ["a", "c"]


def test_greedy_breaks_ties_by_key_and_ignores_projects_nobody_voted_for():
    assert winners.greedy([C("b", 10, 5), C("a", 10, 5), C("z", 1, 0)], 15) == ["a"]


def test_equal_shares_prefers_what_a_minority_can_pay_for_with_its_share():
    # 3 voters want x (cost 30); 1 voter wants y (cost 10); budget 40: each voter has 10.
    ballots = [["x"], ["x"], ["x"], ["y"]]
    outcome = winners.equal_shares([C("x", 30, 3), C("y", 10, 1)], ballots, 40, complete=False)
    assert outcome.winners == ["x", "y"]
    assert outcome.rounds[0]["price_per_supporter"] == 10


def test_equal_shares_differs_from_greedy_where_the_majority_would_take_everything():
    # 6 voters approve a1, a2, a3 (cost 10 each); 4 voters approve b (cost 10); budget 30.
    ballots = [["a1", "a2", "a3"]] * 6 + [["b"]] * 4
    candidates = [C("a1", 10, 6), C("a2", 10, 6), C("a3", 10, 6), C("b", 10, 4)]
    assert winners.greedy(candidates, 30) == ["a1", "a2", "a3"]
    outcome = winners.equal_shares(candidates, ballots, 30, complete=False)
    assert "b" in outcome.winners
    assert outcome.spent(candidates) <= 30


def test_voter_spending_tells_how_a_share_was_used():
    ballots = [["x"], ["x"], ["x"], ["y"]]
    outcome = winners.equal_shares([C("x", 30, 3), C("y", 10, 1)], ballots, 40, complete=False)
    spent, left = winners.voter_spending(outcome, ["x"])
    assert spent == [("x", 10)] and left == 0


def test_no_ballot_no_winner():
    assert winners.equal_shares([C("x", 1, 0)], [], 10).winners == []


def _toulouse():
    election = pabulib.parse_file(TOULOUSE)
    candidates = [
        C(key, Fraction(project["cost"]), int(project["votes"])) for key, project in election.projects.items()
    ]
    return election, candidates, [vote["vote"] for vote in election.votes.values()]


def test_equal_shares_equals_pabutools_on_toulouse_2024():
    pabutools = pytest.importorskip("pabutools")
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import method_of_equal_shares

    assert pabutools
    instance, profile = parse_pabulib(TOULOUSE)
    expected = [p.name for p in method_of_equal_shares(instance, profile, sat_class=Cost_Sat)]
    election, candidates, ballots = _toulouse()
    outcome = winners.equal_shares(candidates, ballots, election.budget, complete=False)
    assert outcome.winners == expected
    assert len(expected) == 102


def test_equal_shares_add1_and_greedy_completion_equals_pabutools_on_toulouse_2024():
    pytest.importorskip("pabutools")
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    increment = 1000  # a few iterations of the "add1" loop, enough to exercise it, quick enough to test
    instance, profile = parse_pabulib(TOULOUSE)
    expected = completion_by_rule_combination(
        instance,
        profile,
        [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": Cost_Sat, "voter_budget_increment": increment}, {"sat_class": Cost_Sat}],
    )
    election, candidates, ballots = _toulouse()
    outcome = winners.equal_shares(candidates, ballots, election.budget, increment=increment)
    assert sorted(outcome.winners) == sorted(p.name for p in expected)
    assert outcome.spent(candidates) == sum(Fraction(str(p.cost)) for p in expected) <= election.budget


# --- Rules as data: greedy-no-skip, thresholds, what a completion may fund --------------------------------------

def test_greedy_no_skip_stops_at_the_first_project_that_does_not_fit():
    candidates = [C("a", 60, 10), C("b", 50, 9), C("c", 40, 8)]
    assert winners.greedy(candidates, 100, skip=False) == ["a"]
    assert winners.select(VoteRule(method="greedy-no-skip"), candidates, [], 100).winners == ["a"]


def test_greedy_ranks_points_ballots_by_their_points_not_their_votes():
    candidates = [winners.Candidate("a", Fraction(50), 10, 12), winners.Candidate("b", Fraction(50), 8, 20)]
    assert winners.select(VoteRule(ballot_type="cumulative"), candidates, [], 50).winners == ["b"]


def test_thresholds_in_score_and_in_share_of_the_ballots_leave_projects_out():
    candidates = [C("a", 10, 9), C("b", 10, 3), C("c", 10, 1)]
    ballots = [["a"]] * 6 + [["a", "b"]] * 3 + [["c"]]
    by_score = winners.select(VoteRule(min_score=3), candidates, ballots, 100)
    assert by_score.winners == ["a", "b"] and by_score.below_threshold == ["c"]
    # 30 % of 10 ballots: 3 votes needed.
    by_share = winners.select(VoteRule(min_share=Fraction(3, 10)), candidates, ballots, 100)
    assert by_share.winners == ["a", "b"]
    assert winners.select(VoteRule(min_share=Fraction(31, 100)), candidates, ballots, 100).winners == ["a"]


def test_a_project_nobody_voted_for_is_never_funded_by_a_completion_unless_the_rule_says_so():
    candidates = [C("x", 30, 3), C("nobody", 10, 0)]
    ballots = [["x"], ["x"], ["x"]]
    rule = VoteRule(method="mes", completion="add1-utilitarian")
    assert winners.select(rule, candidates, ballots, 100).winners == ["x"]
    assert winners.select(VoteRule(), candidates, ballots, 100).winners == ["x"]
    generous = VoteRule(method="mes", completion="add1-utilitarian", fund_unsupported=True)
    assert winners.select(generous, candidates, ballots, 100).winners == ["x", "nobody"]


def test_mes_without_completion_funds_only_what_the_shares_pay_for():
    # Each of 4 voters has 10; the 3 supporters of x (cost 30) pay it, y (cost 25) is too dear for its 1 voter.
    candidates = [C("x", 30, 3), C("y", 25, 1)]
    ballots = [["x"], ["x"], ["x"], ["y"]]
    assert winners.select(VoteRule(method="mes", completion="none"), candidates, ballots, 40).winners == ["x"]
    completed = winners.select(VoteRule(method="mes", completion="utilitarian"), candidates, ballots, 55)
    assert completed.winners == ["x", "y"] and completed.completed_by_greedy == ["y"]


def test_add1_time_does_not_depend_on_the_currency_unit():
    """The same election in euros and in cents: add1 (one unit per step) gives the same winners and each run
    count stays small, where stepping one cent at a time would take 100 times as many runs."""
    ballots = [["a", "b"]] * 5 + [["c"]] * 3 + [["d", "c"]] * 2
    euros = [C("a", 300, 5), C("b", 450, 5), C("c", 200, 5), C("d", 250, 2)]
    cents = [C(c.key, c.cost * 100, c.votes) for c in euros]
    runs = []
    real = winners._mes_run

    def counting(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    winners._mes_run = counting
    try:
        in_euros = winners.equal_shares(euros, ballots, 1000, increment=1, complete=False)
        euro_runs = len(runs)
        in_cents = winners.equal_shares(cents, ballots, 100000, increment=1, complete=False)
    finally:
        winners._mes_run = real
    assert in_euros.winners == in_cents.winners
    assert len(runs) - euro_runs <= euro_runs + 2


# --- Property tests: the same outcome as pabutools on random small elections, exact fractions -------------------

pabutools = pytest.importorskip("pabutools")
from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project  # noqa: E402
from pabutools.rules import (  # noqa: E402
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)


@st.composite
def elections(draw):
    count = draw(st.integers(min_value=1, max_value=6))
    keys = [f"p{i}" for i in range(count)]
    costs = {key: draw(st.integers(min_value=1, max_value=60)) for key in keys}
    ballots = draw(st.lists(st.lists(st.sampled_from(keys), min_size=1, max_size=count, unique=True),
                            min_size=1, max_size=12))
    budget = draw(st.integers(min_value=1, max_value=150))
    return costs, ballots, budget


def _pabutools(costs, ballots, budget):
    projects = {key: Project(key, Fraction(cost)) for key, cost in costs.items()}
    instance = Instance(projects.values(), budget_limit=Fraction(budget))
    profile = ApprovalProfile([ApprovalBallot([projects[k] for k in ballot]) for ballot in ballots], instance=instance)
    return instance, profile


def _ours(costs, ballots):
    votes = {key: sum(key in ballot for ballot in ballots) for key in costs}
    return [C(key, cost, votes[key]) for key, cost in costs.items()]


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(elections())
def test_mes_without_completion_equals_pabutools(election):
    costs, ballots, budget = election
    instance, profile = _pabutools(costs, ballots, budget)
    expected = [p.name for p in method_of_equal_shares(instance, profile, sat_class=Cost_Sat)]
    outcome = winners.equal_shares(_ours(costs, ballots), ballots, budget, complete=False)
    assert sorted(outcome.winners) == sorted(expected)


@PROPERTY
@given(elections())
# A voter who paid all they had for p2 can later pay p1 once the shares grow: the jump must see that.
@example(({"p0": 1, "p1": 1, "p2": 46}, [["p0"], ["p2"], ["p0", "p1", "p2"]], 70))
def test_mes_add1_equals_pabutools(election):
    costs, ballots, budget = election
    instance, profile = _pabutools(costs, ballots, budget)
    expected = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)
    outcome = winners.equal_shares(_ours(costs, ballots), ballots, budget, increment=1, complete=False)
    assert sorted(outcome.winners) == sorted(p.name for p in expected)


@PROPERTY
@given(elections())
def test_mes_add1_then_greedy_equals_pabutools(election):
    costs, ballots, budget = election
    instance, profile = _pabutools(costs, ballots, budget)
    expected = completion_by_rule_combination(
        instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}],
    )
    rule = VoteRule(method="mes", completion="add1-utilitarian", fund_unsupported=True)
    outcome = winners.select(rule, _ours(costs, ballots), ballots, budget)
    assert sorted(outcome.winners) == sorted(p.name for p in expected)
    assert outcome.spent(_ours(costs, ballots)) <= budget


@PROPERTY
@given(elections())
def test_greedy_equals_pabutools_greedy_with_cost_satisfaction(election):
    costs, ballots, budget = election
    instance, profile = _pabutools(costs, ballots, budget)
    expected = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    ours = winners.select(VoteRule(fund_unsupported=True), _ours(costs, ballots), ballots, budget)
    assert sorted(ours.winners) == sorted(p.name for p in expected)
