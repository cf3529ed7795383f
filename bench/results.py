"""Benchmark of the budget results: the Method of Equal Shares with add1 completion, exact (fractions).

    .venv/bin/python bench/results.py [--skip-synthetic]

Prints two timings, the pure computation (`winners.equal_shares`, no database):
- Toulouse 2024 (183 projects, 7,260 ballots, 8 M EUR), MES + add1 + greedy completion; target ≤ 1 s;
- a synthetic election of 100 projects and 100,000 approval ballots (seeded, 1 to 5 choices per ballot,
  popularity skewed), MES + add1 + greedy completion; target ≤ 10 s.
For each: seconds (wall clock, and CPU of this process, which a loaded machine inflates less), MES runs (one
per share tried), winners, and the final share per voter; then the load average.
"""

import argparse
import os
import random
import sys
import time
from collections import Counter
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from participe.modules.proposals import pabulib, winners  # noqa: E402

TOULOUSE = ROOT.parent / "shared" / "data" / "pabulib" / "France_Toulouse_2024.pb"


def toulouse():
    election = pabulib.parse_file(TOULOUSE)
    ballots = [vote["vote"] for vote in election.votes.values()]
    votes = Counter(key for ballot in ballots for key in ballot)
    candidates = [winners.Candidate(k, Fraction(p["cost"]), votes[k]) for k, p in election.projects.items()]
    return candidates, ballots, election.budget


def synthetic(projects=100, voters=100_000, seed=20):
    rng = random.Random(seed)
    keys = [f"p{i:03d}" for i in range(projects)]
    weights = [1 / (rank + 1) ** 0.8 for rank in range(projects)]
    costs = {key: Fraction(rng.randrange(20, 600) * 1000) for key in keys}
    ballots = []
    for _voter in range(voters):
        size = rng.randint(1, 5)
        ballots.append(sorted(set(rng.choices(keys, weights, k=size))))
    votes = Counter(key for ballot in ballots for key in ballot)
    candidates = [winners.Candidate(key, cost, votes[key]) for key, cost in costs.items()]
    return candidates, ballots, Fraction(sum(costs.values()) / 3).limit_denominator(1)


def measure(name, candidates, ballots, budget, target):
    runs = []
    real = winners._mes_run

    def counted(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    winners._mes_run = counted
    try:
        started, cpu = time.perf_counter(), time.process_time()
        outcome = winners.equal_shares(candidates, ballots, budget, increment=1, complete=True)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        winners._mes_run = real
    print(
        f"{name}: {seconds:.2f} s, CPU {cpu:.2f} s (target ≤ {target} s) — {len(runs)} MES runs, {len(outcome.winners)} winners "
        f"({len(outcome.completed_by_greedy)} by completion), share per voter {float(outcome.budget_per_voter):.2f}"
    )
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-synthetic", action="store_true")
    options = parser.parse_args()
    measure("Toulouse 2024, 183 projects × 7,260 ballots", *toulouse(), target=1)
    if not options.skip_synthetic:
        measure("synthetic, 100 projects × 100,000 ballots", *synthetic(), target=10)
    print("load average: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
