"""MES add1 on large elections (over MES_SMALL_ELECTION distinct ballots): the search of the last share within the
budget (extrapolation, then bisection) finds the step of pabutools' unit-by-unit loop, in few runs, and reports
its progress."""

import random
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest

from participe.modules.proposals import pabulib, winners

TOULOUSE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "pabulib" / "France_Toulouse_2024.pb"
)


def _large_election(seed, projects=14, voters=4000):
    rng = random.Random(seed)
    keys = [f"p{i}" for i in range(projects)]
    costs = {key: Fraction(rng.randrange(5, 80) * 1000) for key in keys}
    weights = [1 / (rank + 1) ** 0.5 for rank in range(projects)]
    ballots = [sorted(set(rng.choices(keys, weights, k=rng.randint(2, 7)))) for _ in range(voters)]
    votes = Counter(key for ballot in ballots for key in ballot)
    candidates = [winners.Candidate(key, cost, votes[key]) for key, cost in costs.items()]
    budget = (sum(costs.values()) * rng.randint(35, 60) / 100).limit_denominator(1)
    return candidates, ballots, budget


def _unit_loop(candidates, ballots, budget, increment):
    """pabutools' add1 loop, one step at a time, with our run of MES: (winners, share)."""
    groups = winners._group_ballots(ballots)
    supported = {key for ballot, _count in groups for key in ballot}
    costs = {c.key: c.cost for c in candidates if c.key in supported and c.cost > 0}
    election = winners._Election.prepare(costs, groups)
    share = Fraction(budget) / len(ballots)
    previous = None
    while True:
        chosen, _rounds = winners._mes_run(costs, groups, share, None, election)
        spent = sum((costs[k] for k in chosen), Fraction(0))
        if spent > budget:
            return previous
        if all(k in chosen or cost + spent > budget for k, cost in costs.items()):
            return chosen, share
        previous = chosen, share
        share += increment


@pytest.mark.parametrize("seed", [1, 2, 4, 5])
def test_the_search_of_large_elections_finds_the_unit_loops_outcome(seed):
    candidates, ballots, budget = _large_election(seed)
    assert len(winners._group_ballots(ballots)) > winners.MES_SMALL_ELECTION
    increment = 2  # dozens of steps of the unit loop: quick enough, and far from the first step
    expected, share = _unit_loop(candidates, ballots, budget, increment)
    outcome = winners.equal_shares(candidates, ballots, budget, increment=increment, complete=False)
    assert outcome.winners == expected and outcome.budget_per_voter == share
    assert share > Fraction(budget) / len(ballots) + 5 * increment  # the search went past its first steps


@pytest.mark.skipif(not TOULOUSE.exists(), reason="the pabulib data set is not here")
def test_toulouse_2024_takes_a_dozen_runs_and_reports_them():
    election = pabulib.parse_file(TOULOUSE)
    ballots = [vote["vote"] for vote in election.votes.values()]
    votes = Counter(key for ballot in ballots for key in ballot)
    candidates = [winners.Candidate(k, Fraction(p["cost"]), votes[k]) for k, p in election.projects.items()]
    reports = []
    outcome = winners.equal_shares(
        candidates,
        ballots,
        election.budget,
        increment=1,
        progress=lambda done, expected: reports.append((done, expected)),
    )
    # The unit loop's outcome (checked once step by step, 671 runs): 129 winners by the shares, one completion.
    assert outcome.budget_per_voter == Fraction(642847, 363)
    assert len(outcome.winners) == 130 and len(outcome.completed_by_greedy) == 1
    # 23 runs before the search (traced jumps, then doubling); 12 now.
    assert [done for done, _expected in reports[:-1]] == list(range(1, len(reports)))
    assert len(reports) - 1 <= 13
    assert all(expected > done for done, expected in reports[:-1]) and reports[-1][0] == reports[-1][1]
