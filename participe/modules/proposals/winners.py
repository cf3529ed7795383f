"""Who wins a budget vote: greedy by votes, or the Method of Equal Shares (MES).

Pure functions over plain data, exact arithmetic (Fraction), so that results can be
checked against an independent computation and against `pabutools`.

Projects are identified by a string `key` (the pabulib project id when imported, else
the proposal's id); ties are broken by that key in lexicographic order, as pabutools does.
"""

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Candidate:
    key: str
    cost: Fraction
    votes: int = 0


@dataclass
class Outcome:
    rule: str
    budget: Fraction
    winners: list  # keys, in order of selection
    # For MES: one dict per selected project explaining who paid what.
    rounds: list = field(default_factory=list)
    budget_per_voter: Fraction | None = None
    completed_by_greedy: list = field(default_factory=list)

    def spent(self, candidates):
        costs = {c.key: c.cost for c in candidates}
        return sum((costs[k] for k in self.winners), Fraction(0))


def greedy(candidates, budget, *, include_unsupported=False, already=()):
    """The pabulib "greedy" rule: most votes first, a project that no longer fits is skipped."""
    chosen = list(already)
    remaining = Fraction(budget) - sum((c.cost for c in candidates if c.key in set(already)), Fraction(0))
    for candidate in sorted(candidates, key=lambda c: (-c.votes, c.key)):
        if candidate.key in chosen or (candidate.votes <= 0 and not include_unsupported):
            continue
        if candidate.cost <= remaining:
            chosen.append(candidate.key)
            remaining -= candidate.cost
    return chosen


def _utilitarian_completion(candidates, budget, already):
    """pabutools' greedy utilitarian welfare with cost satisfaction: by votes (= satisfaction per cost), then key."""
    def density(c):
        if c.votes <= 0:
            return Fraction(0)
        return Fraction(10**30) if c.cost == 0 else Fraction(c.votes)

    chosen = list(already)
    taken = set(chosen)
    remaining = Fraction(budget) - sum((c.cost for c in candidates if c.key in taken), Fraction(0))
    for candidate in sorted(candidates, key=lambda c: (-density(c), c.key)):
        if candidate.key not in taken and candidate.cost <= remaining:
            chosen.append(candidate.key)
            remaining -= candidate.cost
    return chosen


def _group_ballots(ballots):
    """Identical approval ballots form one group with a multiplicity: same budget, same payments."""
    return list(Counter(frozenset(b) for b in ballots).items())


def _equal_shares_run(candidates, groups, share):
    """One run of MES with cost satisfaction (approval ballots), every voter starting with `share`."""
    budgets = [Fraction(share)] * len(groups)
    supporters = {}
    for index, (ballot, _count) in enumerate(groups):
        for key in ballot:
            supporters.setdefault(key, []).append(index)
    winners, rounds = [], []
    free = [c.key for c in candidates if c.cost == 0 and supporters.get(c.key)]
    winners.extend(free)
    live = {c.key: c for c in candidates if c.cost > 0 and supporters.get(c.key)}
    # Affordability never decreases as voters spend, so the last known value is a lower bound.
    affordability = {
        key: Fraction(1, sum(groups[i][1] for i in supporters[key])) for key in live
    }
    while live:
        best, best_rho = None, None
        for key in sorted(live, key=lambda k: (affordability[k], k)):
            if best_rho is not None and affordability[key] > best_rho:
                break
            candidate = live[key]
            payers = sorted(supporters[key], key=lambda i: budgets[i])
            if sum(budgets[i] * groups[i][1] for i in payers) < candidate.cost:
                del live[key]
                continue
            paid = Fraction(0)
            weight = sum(groups[i][1] for i in payers)
            for i in payers:
                rho = (candidate.cost - paid) / (weight * candidate.cost)
                if rho * candidate.cost <= budgets[i]:
                    affordability[key] = rho
                    if best_rho is None or rho < best_rho or (rho == best_rho and key < best):
                        best, best_rho = key, rho
                    break
                paid += budgets[i] * groups[i][1]
                weight -= groups[i][1]
        if best is None:
            break
        candidate = live.pop(best)
        price = best_rho * candidate.cost
        payments = {}
        for i in supporters[best]:
            pay = min(budgets[i], price)
            budgets[i] -= pay
            payments[i] = pay
        winners.append(best)
        rounds.append({"key": best, "price_per_supporter": price, "payments": payments})
    return winners, rounds, budgets


def equal_shares(candidates, ballots, budget, *, increment=None, complete=True):
    """MES with cost satisfaction. `increment`: the "add1" variant — raise every voter's share by
    `increment` until the outcome is exhaustive, keeping the last one within the budget; then
    `complete` fills what is left greedily (utilitarian), as equalshares.net recommends."""
    budget = Fraction(budget)
    ballots = list(ballots)
    if not ballots:
        return Outcome("mes", budget, [], budget_per_voter=Fraction(0))
    groups = _group_ballots(ballots)
    costs = {c.key: c.cost for c in candidates}
    supported = {key for ballot, _ in groups for key in ballot}
    available = [c for c in candidates if c.key in supported and c.cost > 0]
    share = budget / len(ballots)
    result = None
    while True:
        winners, rounds, budgets = _equal_shares_run(candidates, groups, share)
        spent = sum((costs[k] for k in winners), Fraction(0))
        if result is not None and spent > budget:
            break
        result = (winners, rounds, budgets, share)
        if increment is None:
            break
        taken = set(winners)
        if all(c.key in taken or c.cost + spent > budget for c in available):
            break
        share += Fraction(increment)
    winners, rounds, budgets, share = result
    outcome = Outcome("mes", budget, list(winners), budget_per_voter=share)
    outcome.rounds = _describe_rounds(rounds, groups)
    outcome.payments = [(entry["key"], entry["payments"]) for entry in rounds]
    if complete:
        completed = _utilitarian_completion(candidates, budget, winners)
        outcome.completed_by_greedy = completed[len(winners):]
        outcome.winners = completed
    outcome.groups = groups
    outcome.final_budgets = budgets
    return outcome


def _describe_rounds(rounds, groups):
    described = []
    for entry in rounds:
        payments = entry["payments"]
        voters = sum(groups[i][1] for i in payments)
        full = sum(groups[i][1] for i, pay in payments.items() if pay == entry["price_per_supporter"])
        described.append({
            "key": entry["key"],
            "price_per_supporter": entry["price_per_supporter"],
            "supporters": voters,
            "paid_full_share": full,
            "paid_all_they_had": voters - full,
        })
    return described


def voter_spending(outcome, ballot):
    """How the share of a voter who approved `ballot` was spent: ([(project key, amount)], amount left)."""
    groups = getattr(outcome, "groups", [])
    target = frozenset(ballot)
    index = next((i for i, (b, _) in enumerate(groups) if b == target), None)
    if index is None:
        return [], outcome.budget_per_voter or Fraction(0)
    spent = [(key, payments[index]) for key, payments in outcome.payments if payments.get(index)]
    return spent, outcome.final_budgets[index]
