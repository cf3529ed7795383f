"""The comparison step some cities use after MES: the most-votes outcome is kept if more voters prefer it."""

from fractions import Fraction

from django.utils import translation

from participe.modules.proposals import winners
from participe.modules.proposals.rules import COMPLETIONS, VoteRule

COMPARED = VoteRule(method="mes", completion="add1-utilitarian-comparison")


def C(key, cost, votes):
    return winners.Candidate(key, Fraction(cost), votes)


def test_greedy_is_kept_when_more_voters_have_more_of_their_choices_funded_by_it():
    # 6 voters want a (6) and b (4), 4 voters want c (4); each has 1 of the 10. MES funds a (the 6 pay it)
    # and c (the 4 pay it); most votes first funds a and b. The 6 prefer greedy's, the 4 MES's: greedy's is kept.
    candidates = [C("a", 6, 6), C("b", 4, 6), C("c", 4, 4)]
    ballots = [["a", "b"]] * 6 + [["c"]] * 4
    plain = winners.select(VoteRule(method="mes", completion="add1-utilitarian"), candidates, ballots, 10)
    assert plain.winners == ["a", "c"] and plain.comparison is None

    outcome = winners.select(COMPARED, candidates, ballots, 10)
    assert outcome.winners == ["a", "b"]
    assert outcome.comparison == {"mes": 4, "greedy": 6, "greedy_winners": ["a", "b"], "switched": True}
    # Nobody's share paid for greedy's outcome: there is no share to explain.
    assert outcome.prices == [] and winners.voter_spending(outcome, ["a", "b"]) == ([], Fraction(1))


def test_the_mes_outcome_stays_when_no_more_voters_prefer_greedy():
    # 4 voters want a (6) and b (4), 6 voters want c (4). MES funds c and b, most votes first c and a: the
    # outcomes differ, but every voter has as many of their choices funded by either, so MES's stays.
    candidates = [C("a", 6, 4), C("b", 4, 4), C("c", 4, 6)]
    ballots = [["a", "b"]] * 4 + [["c"]] * 6
    outcome = winners.select(COMPARED, candidates, ballots, 10)
    assert outcome.winners == ["c", "b"]
    assert outcome.comparison == {"mes": 0, "greedy": 0, "greedy_winners": ["c", "a"], "switched": False}
    assert outcome.prices  # the shares did pay: each voter can see how


def test_the_comparison_step_is_a_completion_the_organiser_can_choose_and_is_explained():
    assert "add1-utilitarian-comparison" in COMPLETIONS
    assert COMPARED.raises_shares and COMPARED.completes_greedily and COMPARED.compares_with_greedy
    assert not VoteRule(method="mes", completion="add1-utilitarian").compares_with_greedy
    with translation.override("en"):
        assert "compares" in str(COMPARED.describe())
