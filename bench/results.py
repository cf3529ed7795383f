"""Benchmark of the budget results: the Method of Equal Shares with add1 completion, exact (fractions).

    .venv/bin/python bench/results.py [--skip-synthetic] [--against REVISION]

Prints two timings, the pure computation (`winners.equal_shares`, no database):
- Toulouse 2024 (183 projects, 7,260 ballots, 8 M EUR), MES + add1 + greedy completion; target ≤ 1 s;
- a synthetic election of 100 projects and 100,000 approval ballots (seeded, 1 to 5 choices per ballot,
  popularity skewed), MES + add1 + greedy completion; target ≤ 10 s.
For each: seconds (wall clock, and CPU of this process, which a loaded machine inflates less), MES runs (one
per share tried), winners, and the final share per voter; then the load average.

`--against REVISION` (a git revision, e.g. `HEAD~3`) also times the `winners.py` of that revision on the same
elections in the same process, alternately, and says whether both give the same outcome (winners, share,
prices): before/after figures that a loaded machine distorts the same way.
"""

import argparse
import os
import random
import subprocess
import sys
import time
import types
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


def winners_at(revision):
    """The `winners` module as it was at a git revision, loaded beside the current one."""
    source = subprocess.run(
        ["git", "show", f"{revision}:participe/modules/proposals/winners.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType(f"winners_at_{revision}")
    sys.modules[module.__name__] = module
    exec(compile(source, f"winners.py@{revision}", "exec"), module.__dict__)  # noqa: S102
    return module


def measure(name, candidates, ballots, budget, target, winners=winners):
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
    return seconds, cpu, outcome


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--against", metavar="REVISION", help="also time winners.py of this git revision")
    options = parser.parse_args()
    old = winners_at(options.against) if options.against else None
    elections = [("Toulouse 2024, 183 projects × 7,260 ballots", toulouse, 1)]
    if not options.skip_synthetic:
        elections.append(("synthetic, 100 projects × 100,000 ballots", synthetic, 10))
    for name, election, target in elections:
        data = election()
        if old is None:
            measure(name, *data, target=target)
            continue
        # Old, new, old, new: the load changes as much during one pair as between them.
        cpus = {"old": [], "new": []}
        outcomes = {}
        for _round in range(2):
            for label, module in (("old", old), ("new", winners)):
                _seconds, cpu, outcome = measure(f"{name} [{label}]", *data, target=target, winners=module)
                cpus[label].append(cpu)
                outcomes[label] = (outcome.winners, outcome.budget_per_voter, outcome.prices)
        before, after = min(cpus["old"]), min(cpus["new"])
        print(
            f"{name}: CPU {before:.2f} s at {options.against} → {after:.2f} s now (best of 2 each, "
            f"× {before / after:.2f}); same outcome: {outcomes['old'] == outcomes['new']}"
        )
    print("load average: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
