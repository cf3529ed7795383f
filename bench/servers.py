"""Granian or gunicorn? The same two scenarios on each server, same workers and threads, same run.

    .venv/bin/python -m bench.servers [--rounds 3] [--duration 10] [--workers 2] [--threads 4]

Servers alternate round by round (granian, gunicorn, granian, …) so that both see the same machine
load; prints the medians and the ratio gunicorn / granian. Results go to bench/RESULTS.md by hand.
"""

import argparse
import os
import statistics

from bench.runner import DEFAULT_DATABASE, machine, prepare, serving, table, wrk
from bench.scenarios import SCENARIOS

SERVERS = ("granian", "gunicorn")
NAMES = ("hello", "home")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    args = parser.parse_args(argv)

    print(f"machine: {machine()}")
    env, _values = prepare(args.database, [])
    samples = {(server, name): [] for server in SERVERS for name in NAMES}
    for round_number in range(1, args.rounds + 1):
        for server in SERVERS:
            with serving(env, server, args.workers, args.threads) as base_url:
                for name in NAMES:
                    wrk(base_url, SCENARIOS[name], {}, 2, args.connections)  # warm-up of this process
                for name in NAMES:
                    result = wrk(base_url, SCENARIOS[name], {}, args.duration, args.connections)
                    samples[(server, name)].append(result)
                    print(f"  round {round_number} {server:<8} {name:<6} {result['rps']:>8.1f} req/s"
                          f"  p50 {result['p50_ms']:.1f} ms  p99 {result['p99_ms']:.1f} ms  errors {result['errors']}")
    summary = {
        f"{name} on {server}": {
            "rps": statistics.median(r["rps"] for r in runs),
            "p50_ms": statistics.median(r["p50_ms"] for r in runs),
            "p99_ms": statistics.median(r["p99_ms"] for r in runs),
            "errors": sum(r["errors"] for r in runs),
        }
        for (server, name), runs in samples.items()
    }
    for name in NAMES:
        gunicorn, granian = summary[f"{name} on gunicorn"], summary[f"{name} on granian"]
        gunicorn["ratio"], gunicorn["baseline"] = gunicorn["rps"] / granian["rps"], f"{name} on granian"
    print()
    print(table(summary))
    return summary


if __name__ == "__main__":
    main()
