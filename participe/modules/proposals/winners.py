"""Who wins a budget vote: greedy by score (with or without skipping, above a threshold), or the Method of
Equal Shares (MES) with cost satisfaction and the completion a rule asks for.

Pure functions over plain data, exact arithmetic (Fraction), so that results can be checked against an
independent computation, against `pabutools` and against the winners real cities published (pabulib).

Projects are identified by a string `key` (the pabulib project id when imported, else the proposal's id);
ties are broken by that key in lexicographic order, as pabutools does.
"""

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from math import ceil

try:  # GMP rationals: the same exact values as Fraction, many times faster; Fraction where gmpy2 is missing.
    from gmpy2 import mpq as _Rational
except ImportError:  # pragma: no cover
    _Rational = Fraction


def _fraction(value):
    if type(value) not in (Fraction, int, _Rational):
        raise TypeError(f"not exact: {value!r} {type(value)}")
    return Fraction(int(value.numerator), int(value.denominator))


@dataclass(frozen=True)
class Candidate:
    key: str
    cost: Fraction
    votes: int = 0
    # What greedy ranks by: the points of cumulative and ordinal ballots; None = the votes.
    score: int | None = None

    @property
    def ranking_score(self):
        return self.votes if self.score is None else self.score


@dataclass
class Outcome:
    rule: str
    budget: Fraction
    winners: list  # keys, in order of selection
    # For MES: one dict per selected project explaining who paid what.
    rounds: list = field(default_factory=list)
    budget_per_voter: Fraction | None = None
    completed_by_greedy: list = field(default_factory=list)
    below_threshold: list = field(default_factory=list)
    # The comparison step: {"mes": voters preferring the MES outcome, "greedy": those preferring greedy's,
    # "greedy_winners": greedy's outcome, "switched": whether greedy's was kept}; None when not asked.
    comparison: dict | None = None
    # For MES: (key, price per supporter) in order of selection, and the voters' ballots grouped.
    prices: list = field(default_factory=list)
    groups: list = field(default_factory=list)

    def spent(self, candidates):
        costs = {c.key: c.cost for c in candidates}
        return sum((costs[k] for k in self.winners), Fraction(0))

    @property
    def payments(self):
        """[(key, {group index: amount paid by each voter of the group})] in order of selection."""
        budgets = [self.budget_per_voter] * len(self.groups)
        result = []
        for key, price in self.prices:
            paid = {}
            for index, (ballot, _count) in enumerate(self.groups):
                if key in ballot:
                    paid[index] = min(budgets[index], price)
                    budgets[index] -= paid[index]
            result.append((key, paid))
        return result

    @property
    def final_budgets(self):
        return [_spending(self, ballot)[1] for ballot, _count in self.groups]


def passes_threshold(candidate, min_score=0, min_votes=0):
    return candidate.ranking_score >= min_score and candidate.votes >= min_votes


def greedy(candidates, budget, *, skip=True, include_unsupported=False, already=()):
    """The pabulib "greedy" rule: highest score first; a project that no longer fits is skipped
    (`skip`), or ends the selection ("greedy-no-skip")."""
    chosen = list(already)
    taken = set(chosen)
    remaining = Fraction(budget) - sum((c.cost for c in candidates if c.key in taken), Fraction(0))
    for candidate in sorted(candidates, key=lambda c: (-c.ranking_score, c.key)):
        if candidate.key in taken or (candidate.votes <= 0 and not include_unsupported):
            continue
        if candidate.cost <= remaining:
            chosen.append(candidate.key)
            remaining -= candidate.cost
        elif not skip:
            break
    return chosen


def utilitarian_completion(candidates, budget, already, *, include_unsupported=False):
    """pabutools' greedy utilitarian welfare with cost satisfaction: by votes (= satisfaction per cost), then key.
    A project nobody voted for is left out unless `include_unsupported`."""

    def density(c):
        if c.votes <= 0:
            return Fraction(0)
        return Fraction(10**30) if c.cost == 0 else Fraction(c.votes)

    chosen = list(already)
    taken = set(chosen)
    remaining = Fraction(budget) - sum((c.cost for c in candidates if c.key in taken), Fraction(0))
    for candidate in sorted(candidates, key=lambda c: (-density(c), c.key)):
        if candidate.key in taken or (candidate.votes <= 0 and not include_unsupported):
            continue
        if candidate.cost <= remaining:
            chosen.append(candidate.key)
            remaining -= candidate.cost
    return chosen


class _NextChange:
    """While a run of MES at a per-voter share `s` is traced, the quantities its decisions compare (a project's
    price per unit of satisfaction against the best one's, what its supporters have against its cost) are
    followed with their slope in `s`. `at` becomes the smallest share above `s` at which, following these
    slopes, one decision would turn out otherwise."""

    def __init__(self, share):
        self.share = share
        self.at = None

    def keep_sign(self, value, slope):
        if not slope or (value > 0) == (slope > 0) and value:
            return  # constant, or moving away from zero
        root = self.share - value / slope
        if self.at is None or root < self.at:
            self.at = root


def _water_level(cost, supporters, ranked, budget_of, rough_of):
    """The price each supporter pays (all they have if less): (price, how many classes of `ranked`, poorest
    first, pay all they have). Found with floats, then checked exactly; scanned exactly if the check fails."""
    paid, weight, rough_cost = 0.0, supporters, float(cost)
    for poor, (c, n) in enumerate(ranked):
        if (rough_cost - paid) / weight <= rough_of[c]:
            price = (cost - sum(budget_of[c] * n for c, n in ranked[:poor])) / weight
            if price <= budget_of[c] and (poor == 0 or budget_of[ranked[poor - 1][0]] < price):
                return price, poor
            break
        paid += rough_of[c] * n
        weight -= n
    paid, weight = _Rational(0), supporters
    for poor, (c, n) in enumerate(ranked):  # noqa: B007
        price = (cost - paid) / weight
        if price <= budget_of[c]:
            return price, poor
        paid += budget_of[c] * n
        weight -= n
    raise AssertionError("an affordable project has a price")


@dataclass(frozen=True)
class _Election:
    """What every run of MES over the same election reads, prepared once: exact costs, each group's ballot
    reduced to the projects with a cost, each project's groups and number of supporters."""

    costs: dict
    groups: list
    groups_of: dict
    total: dict

    @classmethod
    def prepare(cls, costs, groups):
        costs = {key: _Rational(cost) for key, cost in costs.items()}
        reduced, groups_of, total = [], {}, {}
        for index, (ballot, count) in enumerate(groups):
            kept = tuple(key for key in ballot if key in costs)
            reduced.append((kept, count))
            for key in kept:
                groups_of.setdefault(key, []).append(index)
                total[key] = total.get(key, 0) + count
        return cls(costs, reduced, groups_of, total)


def _mes_run(costs, groups, share, trace=None, election=None):
    """One run of MES with cost satisfaction, every voter starting with `share`.

    Voters are handled by classes: voters with the same budget history (the same approved projects among those
    already funded) always have the same budget, so a project's supporters are a few classes with a count each,
    not one row per voter. Each class's budget is kept with its slope (how it grows with `share`).
    `election`: `_Election.prepare(costs, groups)`, when several runs share it.

    Returns the winners in order and, per round, (key, price, supporters, how many paid the full price)."""
    election = election or _Election.prepare(costs, groups)
    costs, groups, groups_of, total = election.costs, election.groups, election.groups_of, election.total
    share = _Rational(share)
    budget_of, slope_of = [share], [_Rational(1)]
    # Floats only order quickly what the exact values then decide: equal floats compare the fractions.
    rough_of = [float(share)]
    class_of = [0] * len(groups)
    supporters_by_class = {}
    for key, number in total.items():
        supporters_by_class[key] = {0: number}
    live = set(total)
    # A project's rho never decreases within a run: the last one computed is a lower bound.
    lower = {key: (_Rational(1, total[key]), _Rational(0)) for key in live}
    rough = {key: 1 / total[key] for key in live}
    winners, rounds = [], []
    while live:
        best = None
        evaluated = {}
        order = sorted(live, key=lambda k: (rough[k], lower[k][0], k))
        for position, key in enumerate(order):
            if best is not None and lower[key][0] > evaluated[best][0]:
                if trace is not None:
                    rho, rho_slope = evaluated[best][:2]
                    for pruned in order[position:]:
                        trace.keep_sign(lower[pruned][0] - rho, lower[pruned][1] - rho_slope)
                break
            cost = costs[key]
            classes = supporters_by_class[key]
            rough_available, rough_cost = sum(rough_of[c] * n for c, n in classes.items()), float(cost)
            if trace is not None or abs(rough_available - rough_cost) <= 1e-9 * rough_cost:
                available = sum(budget_of[c] * n for c, n in classes.items())
                if trace is not None:
                    trace.keep_sign(available - cost, sum(slope_of[c] * n for c, n in classes.items()))
                affordable = available >= cost
            else:
                affordable = rough_available >= rough_cost
            if not affordable:
                live.discard(key)
                continue
            ranked = sorted(classes.items(), key=lambda item: (rough_of[item[0]], budget_of[item[0]]))
            price, poor = _water_level(cost, total[key], ranked, budget_of, rough_of)
            paid_slope = (
                sum((slope_of[c] * n for c, n in ranked[:poor]), _Rational(0)) if trace is not None else 0
            )
            price_slope = -_Rational(paid_slope) / (total[key] - sum(n for _c, n in ranked[:poor]))
            lower[key] = (price / cost, price_slope / cost)
            rough[key] = float(lower[key][0])
            evaluated[key] = (price / cost, price_slope / cost, price, price_slope, ranked, poor)
            if best is None or (lower[key][0], key) < (evaluated[best][0], best):
                best = key
        if best is None:
            break
        rho, rho_slope, price, price_slope, ranked, poor = evaluated[best]
        if trace is not None:
            for key, (other, other_slope, *_rest) in evaluated.items():
                if key != best:
                    trace.keep_sign(other - rho, other_slope - rho_slope)
            # Who pays all they have: a payer who becomes able to pay the price keeps money for later projects.
            for c, _n in ranked:
                trace.keep_sign(budget_of[c] - price, slope_of[c] - price_slope)
        new_class = {}
        for position, (c, _n) in enumerate(ranked):
            new_class[c] = len(budget_of)
            if position < poor:
                budget_of.append(_Rational(0))
                slope_of.append(_Rational(0))
            else:
                budget_of.append(budget_of[c] - price)
                slope_of.append(slope_of[c] - price_slope if trace is not None else 0)
            rough_of.append(float(budget_of[-1]))
        live.discard(best)
        for index in groups_of[best]:
            old = class_of[index]
            new = class_of[index] = new_class[old]
            ballot, count = groups[index]
            for key in ballot:
                if key not in live:
                    continue
                classes = supporters_by_class[key]
                left = classes[old] - count
                if left:
                    classes[old] = left
                else:
                    del classes[old]
                classes[new] = classes.get(new, 0) + count
        winners.append(best)
        rounds.append((best, _fraction(price), total[best], sum(n for _c, n in ranked[poor:])))
    if trace is not None and trace.at is not None:
        trace.at = _fraction(trace.at)
    return winners, rounds


MES_TRACED_JUMPS = 12
# What the progress shown to the organiser expects before the search knows better (Toulouse 2024 takes 13).
MES_RUNS_EXPECTED = 14
MES_SMALL_ELECTION = 1000  # distinct ballots


def _search(run, last, result, spent, budget, share_of):
    """The first step after `last` whose outcome is exhaustive (that outcome) or over the budget (the one
    before). What the funded projects cost grows about in proportion to the share: the step where it would
    reach the budget is extrapolated, through the origin from `last`, then through the last two runs (each step at
    least as long as the one before), until a run is exhaustive or over; then bisection. Exact: integer steps, each
    decided by a full run; the result is the run just before the first such step — assuming an outcome that is
    exhaustive or over the budget stays so with larger shares.

    `run(step)` → (outcome, over, full, trace, spent); `spent`: what the outcome at `last` costs;
    `share_of(step)`: the share per voter at `step`. (Interpolating inside the bracket, regula falsi and
    variants, saved no run on average: the cost is a staircase, flat just above the budget.)"""
    below, below_spent, previous = last, spent, None
    while True:
        share = share_of(below)
        if previous is not None and below_spent > previous[1]:
            slope = (below_spent - previous[1]) / (below - previous[0])
            guess = below + ceil((budget - below_spent) / slope)
        elif below_spent > 0:
            guess = below + ceil((share * budget / below_spent - share) / (share_of(1) - share_of(0)))
        else:
            guess = below + 1
        step = max(guess, below + 1, 2 * below - previous[0] if previous else below + 1)
        found, over, full, _trace, found_spent = run(step)
        if over or full:
            above, above_found, above_over = step, found, over
            break
        previous, below, below_spent, result = (below, below_spent), step, found_spent, found
    while above - below > 1:
        run.left = (above - below - 1).bit_length()  # for the progress: bisection's count
        middle = (above + below) // 2
        found, over, full, _trace, _spent = run(middle)
        if over or full:
            above, above_found, above_over = middle, found, over
        else:
            below, result = middle, found
    return result if above_over else above_found


def _group_ballots(ballots):
    """Identical approval ballots form one group with a multiplicity: same budget, same payments."""
    return list(Counter(frozenset(b) for b in ballots).items())


def equal_shares(
    candidates,
    ballots,
    budget,
    *,
    increment=None,
    complete=True,
    include_unsupported=False,
    compare=False,
    progress=None,
):
    """MES with cost satisfaction. `increment`: the "add1" variant — raise every voter's share by `increment`
    until the outcome is exhaustive, keeping the last one within the budget (as pabutools does); then `complete`
    fills what is left greedily (utilitarian), as equalshares.net recommends.

    The shares tried are those of pabutools' loop (share₀ + k × increment), but not each of them: first the
    loop jumps to the next share at which a decision of the run (which project is funded next, whether one is
    still affordable, who pays all they have) would change, for at most MES_TRACED_JUMPS jumps; in large
    elections (over MES_SMALL_ELECTION distinct ballots), where the order of funding moves every fraction of a
    unit, it does not trace but extrapolates where the cost reaches the budget, then bisects to the first k
    whose outcome is exhaustive or over the budget (`_search`) — assuming such an outcome stays so with larger
    shares. The time no longer depends on the currency unit.

    `progress(runs done, runs expected)`: called after each run of MES (the expected number is an estimate that
    the search refines; it never falls below the runs done plus one until the end)."""
    budget = Fraction(budget)
    ballots = list(ballots)
    if not ballots:
        return Outcome("mes", budget, [], budget_per_voter=Fraction(0))
    groups = _group_ballots(ballots)
    supported = {key for ballot, _ in groups for key in ballot}
    costs = {c.key: Fraction(c.cost) for c in candidates if c.key in supported and c.cost > 0}
    free = sorted(c.key for c in candidates if c.key in supported and c.cost == 0)
    start = budget / len(ballots)
    increment = Fraction(increment) if increment else None
    election = _Election.prepare(costs, groups)

    def run(step, traced=False):
        share = start + step * (increment or 0)
        trace = _NextChange(share) if traced else None
        winners, rounds = _mes_run(costs, groups, share, trace, election)
        if progress is not None:
            done = run.done = run.done + 1
            progress(done, done + max(run.left if run.left is not None else MES_RUNS_EXPECTED - done, 1))
        spent = sum((costs[k] for k in winners), Fraction(0))
        over = spent > budget
        full = all(k in set(winners) or cost + spent > budget for k, cost in costs.items())
        return (winners, rounds, share), over, full, trace, spent

    # Small elections jump from decision to decision to the end (exactly pabutools' loop); in large ones the
    # order of funding moves every fraction of a unit: no tracing, the search of the step where the outcome
    # crosses the budget at once.
    small = len(groups) <= MES_SMALL_ELECTION
    run.done, run.left = 0, None
    result, _over, full, trace, spent = run(0, traced=bool(increment) and small)
    step, jumps = 0, 0
    while increment is not None and small and not full and trace.at is not None and jumps < MES_TRACED_JUMPS:
        step = max(step + 1, ceil((trace.at - start) / increment))
        jumps += 1
        found, over, full, trace, found_spent = run(step, traced=True)
        if over:
            break
        result, spent = found, found_spent
    else:
        if increment is not None and not full and (trace is None or trace.at is not None):
            result = _search(run, step, result, spent, budget, lambda k: start + k * increment)
    if progress is not None:
        progress(run.done, run.done)
    winners, rounds, share = result
    outcome = Outcome("mes", budget, [*free, *winners], budget_per_voter=share)
    outcome.prices = [(key, price) for key, price, _n, _full in rounds]
    outcome.rounds = [
        {
            "key": key,
            "price_per_supporter": price,
            "supporters": supporters,
            "paid_full_share": full,
            "paid_all_they_had": supporters - full,
        }
        for key, price, supporters, full in rounds
    ]
    outcome.groups = groups
    if complete:
        completed = utilitarian_completion(
            candidates, budget, outcome.winners, include_unsupported=include_unsupported
        )
        outcome.completed_by_greedy = completed[len(outcome.winners) :]
        outcome.winners = completed
    if compare:
        comparison_step(outcome, candidates, include_unsupported=include_unsupported)
    return outcome


def comparison_step(outcome, candidates, *, include_unsupported=False):
    """The comparison step of equalshares.net: each voter compares the MES outcome with greedy's (most votes
    first, within the budget) by how many of the projects they approved each funds; if more voters prefer
    greedy's than prefer the MES one, greedy's outcome is kept. Voters who see no difference do not count."""
    greedy_winners = greedy(candidates, outcome.budget, include_unsupported=include_unsupported)
    mes, by_greedy = set(outcome.winners), set(greedy_winners)
    prefer_mes = prefer_greedy = 0
    for ballot, count in outcome.groups:
        difference = len(ballot & mes) - len(ballot & by_greedy)
        if difference > 0:
            prefer_mes += count
        elif difference < 0:
            prefer_greedy += count
    switched = prefer_greedy > prefer_mes
    outcome.comparison = {
        "mes": prefer_mes,
        "greedy": prefer_greedy,
        "greedy_winners": greedy_winners,
        "switched": switched,
    }
    if switched:
        # Nobody's share paid for greedy's outcome: no price, no share to explain.
        outcome.winners, outcome.completed_by_greedy = greedy_winners, []
        outcome.prices, outcome.rounds = [], []
    return outcome


def _spending(outcome, ballot):
    budget = outcome.budget_per_voter or Fraction(0)
    spent = []
    for key, price in outcome.prices:
        if key in ballot and budget:
            pay = min(budget, price)
            spent.append((key, pay))
            budget -= pay
    return spent, budget


def voter_spending(outcome, ballot):
    """How the share of a voter who approved `ballot` was spent: ([(project key, amount)], amount left)."""
    return _spending(outcome, frozenset(ballot))


def select(rule, candidates, ballots, budget, progress=None):
    """The winners of `rule` (a `rules.VoteRule`) among `candidates` within `budget`.

    `ballots`: the counted ballots, each the keys it holds (MES reads them; the threshold in share of votes
    counts them). Projects below the rule's threshold are out before any method runs. `progress`: see
    `equal_shares`."""
    ballots = list(ballots)
    min_votes = ceil(rule.min_share * len(ballots)) if rule.min_share else 0
    eligible = [c for c in candidates if passes_threshold(c, rule.min_score, min_votes)]
    keys = {c.key for c in eligible}
    below = sorted(c.key for c in candidates if c.key not in keys)
    if rule.method == "mes":
        outcome = equal_shares(
            eligible,
            [[key for key in ballot if key in keys] for ballot in ballots],
            budget,
            increment=rule.increment if rule.raises_shares else None,
            complete=rule.completes_greedily,
            include_unsupported=rule.fund_unsupported,
            compare=rule.compares_with_greedy,
            progress=progress,
        )
    else:
        chosen = greedy(
            eligible, budget, skip=rule.method != "greedy-no-skip", include_unsupported=rule.fund_unsupported
        )
        outcome = Outcome(rule.method, Fraction(budget), chosen)
    outcome.rule = rule.method
    outcome.below_threshold = below
    return outcome
