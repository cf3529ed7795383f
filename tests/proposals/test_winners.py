"""The pure result rules: greedy within a budget and the Method of Equal Shares."""

from fractions import Fraction

import pytest

from participe.modules.proposals import pabulib, winners

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
