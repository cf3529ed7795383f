"""CPU per request, in process: where the time of a write goes, without the noise of a loaded machine.

    .venv/bin/python -m bench.cpu [scenario …] [--requests 2000] [--rounds 3] [--profile FILE]

Prepares the runner's database and data (bench/runner.py), then calls Django's WSGI handler in a loop,
in this process, with the requests wrk would send (the same sessions, forms and targets), and reads
per scenario: this process's CPU (`time.process_time`), the CPU of the PostgreSQL backend serving it
and of the Redis server (from /proc), and the wall time. Prints milliseconds per request and each
scenario's ratio of total CPU against `raw-insert` (a write) or `hello` (a read) measured in the same
round. The server's own work (HTTP parsing, granian's threads) and wrk's are not counted: the ratios
say how much more a scenario costs Django and the databases than its baseline, which is the part the
code controls. `--profile FILE` then runs each scenario once more under cProfile and writes FILE.<scenario>.prof
(for snakeviz or `python -m pstats`).

Scenarios: hello, consultation-article, consultation-plan, proposals-index (anonymous pages), raw-insert,
raw-insert-member, consultation-vote (agree → mitigated → disagree on
20 articles: always a change), consultation-first-vote (first votes of fresh voters), proposal-support
(support then withdrawal), proposals-vote (Toulouse's budget ballot: add then remove).
"""

import argparse
import cProfile
import io
import itertools
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import runner  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _process_cpu(pid):
    """Seconds of CPU (user + system) the process `pid` has used, or 0 when it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _redis_pid():
    found = subprocess.run(["pgrep", "-x", "redis-server"], capture_output=True, text=True).stdout.split()
    return int(found[0]) if found else None


class Client:
    """Builds WSGI requests as wrk sends them and hands them to the application."""

    def __init__(self, application):
        self.application = application

    def __call__(self, method, path, body="", cookie="", accept="text/html"):
        data = body.encode()
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": runner.HOST,
            "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": runner.HOST, "HTTP_ACCEPT": accept,
            "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(data),
            "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(data)), "CONTENT_TYPE": "application/x-www-form-urlencoded",
        }
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        status = []
        chunks = self.application(environ, lambda code, headers, exc_info=None: status.append(code))
        for _chunk in chunks:
            pass
        if hasattr(chunks, "close"):
            chunks.close()
        if not status[0].startswith(("2", "3")):
            raise RuntimeError(f"{method} {path}: {status[0]}")


def _cookie(session):
    key, csrf = session
    return f"sessionid={key}; csrftoken={csrf}"


def _signed_in_posts(sessions, path_of, form_of):
    """Request n: the next participant in turn posts its form, as the runner's Lua scripts do."""

    def request(client, n):
        who = n % len(sessions)
        client("POST", path_of(n, who), form_of(n, who) + f"csrfmiddlewaretoken={sessions[who][1]}",
               _cookie(sessions[who]), accept="application/json")

    return request


def scenarios(setup):
    """{name: (baseline, request function)}, each built on the runner's data."""
    from django.contrib.contenttypes.models import ContentType

    from bench.scenarios import module_data

    data = module_data(setup)
    sessions = setup.logged_in_participants(200)
    found = {
        "hello": (None, lambda client, n: client("GET", "/bench/hello/")),
        "raw-insert": (None, lambda client, n: client("POST", "/bench/raw-insert/", "value=1")),
        "raw-insert-member": ("raw-insert", _signed_in_posts(sessions, lambda n, who: "/bench/raw-insert/member/",
                                                              lambda n, who: "")),
    }
    articles, proposals = data["articles"], data["proposals"]
    for name, url in (("consultation-article", articles[0].get_absolute_url()),
                      ("consultation-plan", data["consultation"].get_absolute_url()),
                      ("proposals-index", f"/proposals/step/{data['collect_step'].pk}/")):
        found[name] = ("hello", lambda client, n, url=url: client("GET", url))
    article_type = ContentType.objects.get_for_model(articles[0]).pk
    proposal_type = ContentType.objects.get_for_model(proposals[0]).pk
    found["consultation-vote"] = ("raw-insert", _signed_in_posts(
        sessions, lambda n, who: f"/votes/{article_type}/{articles[who % len(articles)].pk}/",
        lambda n, who: f"value={(n // len(sessions)) % 3 - 1}&",
    ))
    found["proposal-support"] = ("raw-insert", _signed_in_posts(
        sessions, lambda n, who: f"/votes/{proposal_type}/{proposals[who % len(proposals)].pk}/",
        lambda n, who: "value=1&" if (n // len(sessions)) % 2 == 0 else "withdraw=1&",
    ))
    fresh = setup.logged_in_participants(2000)[200:]  # voters who have not voted on these articles yet
    _remove_votes(fresh, articles)
    pairs = itertools.count()  # across rounds: each (voter, article) votes once

    def first_vote(client, _n):
        n = next(pairs)
        session = fresh[(n // len(articles)) % len(fresh)]
        client("POST", f"/votes/{article_type}/{articles[n % len(articles)].pk}/", f"value=1&csrfmiddlewaretoken={session[1]}",
               _cookie(session), accept="application/json")

    found["consultation-first-vote"] = ("raw-insert", first_vote)
    return found


def _remove_votes(sessions, targets):
    """Withdraw the votes an earlier run left, through the engine so that the counters stay right."""
    from django.contrib.auth import SESSION_KEY
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.backends.db import SessionStore

    from participe.instances.scoping import in_instance
    from participe.votes.models import Vote
    from participe.votes.services import withdraw_vote

    voter_ids = [SessionStore(session_key=key)[SESSION_KEY] for key, _csrf in sessions]
    by_pk = {target.pk: target for target in targets}
    with in_instance(targets[0].instance):
        left = Vote.objects.filter(voter_id__in=voter_ids, content_type=ContentType.objects.get_for_model(targets[0]),
                                   object_id__in=list(by_pk)).select_related("voter")
        for vote in left:
            withdraw_vote(vote.voter, by_pk[vote.object_id])


def _budget_scenario(setup):
    from bench.proposals import vote_data

    sessions, proposal_ids, vote_path = vote_data(setup)
    return "raw-insert", _signed_in_posts(
        sessions, lambda n, who: vote_path,
        lambda n, who: f"proposal={proposal_ids[who % len(proposal_ids)]}&action={'add' if (n // len(sessions)) % 2 == 0 else 'remove'}&",
    )


def _backend_pid():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def measure(client, request, count, backend_pid, redis_pid, profile=None):
    before = (time.process_time(), _process_cpu(backend_pid), _process_cpu(redis_pid) if redis_pid else 0.0, time.perf_counter())
    if profile is not None:
        profile.enable()
    for n in range(count):
        request(client, n)
    if profile is not None:
        profile.disable()
    after = (time.process_time(), _process_cpu(backend_pid), _process_cpu(redis_pid) if redis_pid else 0.0, time.perf_counter())
    python, postgres, redis, wall = (1000 * (b - a) / count for a, b in zip(before, after, strict=True))
    return {"python": python, "postgres": postgres, "redis": redis, "total": python + postgres + redis, "wall": wall}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="*")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="cProfile of each scenario's last round: FILE.<scenario>.prof")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", runner.DEFAULT_DATABASE))
    args = parser.parse_args(argv)

    print(f"machine: {runner.machine()}")
    os.environ["DATABASE_CONN_MAX_AGE"] = "3600"  # one backend for the whole run, so that its CPU can be read
    env, _values = runner.prepare(args.database, [])
    setup = runner.Setup(env)
    available = scenarios(setup)
    if not args.scenarios or "proposals-vote" in args.scenarios:
        available["proposals-vote"] = _budget_scenario(setup)
    names = args.scenarios or list(available)
    unknown = [name for name in names if name not in available]
    if unknown:
        parser.error(f"unknown scenario(s) {unknown}; known: {', '.join(available)}")
    order = list(dict.fromkeys(step for name in names for step in (available[name][0], name) if step))

    from django.core.wsgi import get_wsgi_application

    client = Client(get_wsgi_application())
    available["hello"][1](client, 0)
    backend_pid = _backend_pid()
    redis_pid = _redis_pid() if env.get("REDIS_URL") else None
    for name in order:  # warm-up: caches, prepared statements, first votes of the change scenarios
        for n in range(200):
            available[name][1](client, n)
    samples = {name: [] for name in order}
    for round_number in range(1, args.rounds + 1):
        for name in order:
            result = measure(client, available[name][1], args.requests, backend_pid, redis_pid)
            samples[name].append(result)
            print(f"  round {round_number} {name:<24} " + "  ".join(f"{key} {value:.3f}" for key, value in result.items()))
    if _backend_pid() != backend_pid:
        print("warning: the database connection was reopened during the run; PostgreSQL's CPU is not reliable")
    for name in order if args.profile else ():
        profile = cProfile.Profile(time.process_time)  # CPU, not the waits for the databases
        measure(client, available[name][1], args.requests, backend_pid, redis_pid, profile)
        profile.dump_stats(f"{args.profile}.{name}.prof")
    print()
    print("| scenario | Python ms | PostgreSQL ms | Redis ms | total CPU ms | wall ms | total CPU / baseline's |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name in order:
        row = {key: statistics.median(sample[key] for sample in samples[name]) for key in samples[name][0]}
        baseline = available[name][0]
        ratio = "—"
        if baseline:
            ratio = f"{statistics.median(b['total'] / s['total'] for s, b in zip(samples[name], samples[baseline], strict=True)):.2f} (throughput-like, {baseline})"
        print(f"| {name} | {row['python']:.3f} | {row['postgres']:.3f} | {row['redis']:.3f} | {row['total']:.3f} | {row['wall']:.3f} | {ratio} |")


if __name__ == "__main__":
    main()
