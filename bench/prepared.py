"""Is `participe.core.prepared.Prepared` worth its weight? CPU per request with it and with the plain ORM, in process.

    .venv/bin/python -m bench.prepared [scenario …] [--requests 1000] [--rounds 3]

The same machinery as bench/cpu.py (the runner's database, sessions and targets, Django's WSGI handler called in
a loop): each round measures every scenario twice, once as the code stands and once with every `Prepared` lookup
answered by its queryset through the ORM (what the lookups would be without it), alternating, so both variants
share the machine's load. Prints the median total CPU (Python + PostgreSQL + Redis) per request of both and the
gain. Default scenarios: raw-insert-member (a signed-in request: the account lookup), consultation-article and
consultation-plan (anonymous cached pages: their stamps), consultation-vote.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import cpu, runner  # noqa: E402

DEFAULT = ["raw-insert-member", "consultation-article", "consultation-plan", "consultation-vote"]


def plain_orm(prepared_class):
    """Patch `Prepared` to run its queryset through the ORM on every call; returns the undo."""
    saved = prepared_class.rows, prepared_class.objects

    def rows(self, **values):
        return list(self._build(**values))

    prepared_class.rows = rows
    prepared_class.objects = rows

    def undo():
        prepared_class.rows, prepared_class.objects = saved

    return undo


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="*")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", runner.DEFAULT_DATABASE))
    args = parser.parse_args(argv)
    names = args.scenarios or DEFAULT

    print(f"machine: {runner.machine()}")
    os.environ["DATABASE_CONN_MAX_AGE"] = "3600"
    env, _values = runner.prepare(args.database, [])
    available = cpu.scenarios(runner.Setup(env))

    from django.core.wsgi import get_wsgi_application

    from participe.core.prepared import Prepared

    client = cpu.Client(get_wsgi_application())
    available["hello"][1](client, 0)
    backend_pid = cpu._backend_pid()
    redis_pid = cpu._redis_pid() if env.get("REDIS_URL") else None
    for name in names:
        for n in range(200):
            available[name][1](client, n)
    totals = {(name, variant): [] for name in names for variant in ("prepared", "orm")}
    for round_number in range(1, args.rounds + 1):
        for name in names:
            for variant in ("prepared", "orm") if round_number % 2 else ("orm", "prepared"):
                undo = plain_orm(Prepared) if variant == "orm" else None
                try:
                    result = cpu.measure(client, available[name][1], args.requests, backend_pid, redis_pid)
                finally:
                    if undo:
                        undo()
                totals[(name, variant)].append(result["total"])
                print(f"  round {round_number} {name:<22} {variant:<8} total CPU {result['total']:.3f} ms")
    print()
    print("| scenario | with Prepared, ms CPU | plain ORM, ms CPU | Prepared saves |")
    print("|---|---:|---:|---:|")
    for name in names:
        prepared = statistics.median(totals[(name, "prepared")])
        orm = statistics.median(totals[(name, "orm")])
        print(f"| {name} | {prepared:.3f} | {orm:.3f} | {100 * (orm - prepared) / orm:.0f} % |")


if __name__ == "__main__":
    main()
