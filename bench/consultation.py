"""Benchmark of the consultation module on the République numérique data set.

    .venv/bin/python bench/consultation.py [--rounds 3] [--duration 15] [--connections 32] [--workers 2]

1. Creates (or reuses) a PostgreSQL database (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/participe_bench_consultation; Redis database BENCH_REDIS_URL,
   default redis://127.0.0.1:6379/5, flushed), migrates it and imports the
   data set with `participe import republique-numerique` (idempotent: a second run is quick).
2. Measures in-process the SQL queries and server CPU time of the plan, the most-voted article
   page and the most controversial sort (median of 20 renders, `time.process_time`).
3. Serves the platform with granian on loopback (URLconf bench/urls.py, the harness's baselines)
   and runs wrk, in one run, against: (a) the most-voted article page, (b) agree/disagree vote
   POSTs by distinct logged-in users, (c) the bare "hello" view and (d) the raw-insert view of the
   same server; prints the ratios against the targets (vote ≥ 0.5 × raw insert, article ≥ 0.3 × hello),
   each the median of `--rounds` rounds in which every scenario runs right after its baseline.
   For context it also measures the raw insert by signed-in members (session, account, CSRF check):
   how much of the vote's cost any member's write pays before the vote's own work.
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess  # noqa: S404 - we start our own server and wrk
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.runner import ensure_database  # noqa: E402 - the shared one, once the project is on the path

DATA = ROOT.parent / "shared" / "data" / "republique-numerique"
HOST = "bench-consultation.test"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/participe_bench_consultation"

VOTE_LUA = r"""
local users, opinions, n = {}, {}, 0
function setup(thread) n = n + 1; thread:set("offset", n) end
function init(args)
  for line in io.lines(args[1]) do users[#users + 1] = line end
  for line in io.lines(args[2]) do opinions[#opinions + 1] = line end
  -- A new draw each run: the same pairs again would change votes instead of casting them.
  math.randomseed(os.time() * 100 + tonumber(offset))
end
function request()
  local session, csrf = users[math.random(#users)]:match("([^ ]+) ([^ ]+)")
  local opinion = opinions[math.random(#opinions)]
  local value = (math.random(2) == 1) and "1" or "-1"
  return wrk.format("POST", opinion, {
    ["Host"] = "%(host)s", ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/json",
  }, "value=" .. value .. "&csrfmiddlewaretoken=" .. csrf)
end
"""

HOST_LUA = 'wrk.headers["Host"] = "%(host)s"\n'
POST_LUA = (
    'wrk.method = "POST"\nwrk.body = "value=1"\nwrk.headers["Host"] = "%(host)s"\n'
    'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
)


def environment(database_url):
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url, "PARTICIPE_URLCONF": "bench.urls", "DEBUG": "0", "HTTPS": "0",
        "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "participe.settings", "ALLOWED_HOSTS": "*",
        # Production's shared cache: instance lookups, sessions (cached_db), rate limits, page cache.
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "CELERY_TASK_ALWAYS_EAGER": "1", "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "participe-bench-consultation-static"),
    })
    return env


def bench_voters(instance, count):
    """`count` confirmed accounts of the bench's own (not the imported voters, who have voted on most
    articles already): their votes are first votes, as nearly all of a consultation's votes are."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from participe.accounts.models import User

    emails = [f"banc-{n:05d}@bench.invalid" for n in range(count)]
    known = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create([
        User(instance=instance, email=email, display_name=email.split("@")[0], password=make_password(None),
             email_confirmed_at=timezone.now())
        for email in emails if email not in known
    ])
    return list(User.objects.filter(email__in=emails).order_by("pk"))


def prepare(args):
    """Migrate, import, create sessions for voters; returns what the load phase needs."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from participe.accounts.models import User
    from participe.instances.models import Domain
    from participe.instances.scoping import in_instance
    from participe.instances.services import create_instance
    from participe.modules.consultation.models import Consultation, Opinion, Section

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()  # a dedicated Redis database: nothing left from a previous run's ids
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_raw_insert (id bigserial PRIMARY KEY, value integer)")
    if not Domain.objects.filter(domain=HOST).exists():
        create_instance("Banc d'essai", [HOST], slug="bench-consultation")
    instance = Domain.objects.get(domain=HOST).instance
    started = time.monotonic()
    from io import StringIO

    out = StringIO()
    call_command("import", "republique-numerique", str(DATA), "--instance", HOST, stdout=out)
    summary = json.loads(out.getvalue())
    summary["import_seconds"] = round(time.monotonic() - started, 1)
    with in_instance(instance):
        consultation = Consultation.objects.get(external_id="republique-numerique")
        top = Opinion.objects.filter(consultation=consultation).order_by("-votes_total").first()
        section = Section.objects.filter(consultation=consultation).order_by("-opinions_count").first()
        pages = {
            "plan": f"/consultation/{consultation.pk}/",
            "article": f"/consultation/opinion/{top.pk}/",
            "controversial": f"/consultation/section/{section.pk}/?sort=controversial",
        }
        voters = bench_voters(instance, args.voters)
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(Opinion).pk
        opinions = [f"/votes/{ct}/{pk}/" for pk in Opinion.objects.filter(consultation=consultation, status="published").values_list("pk", flat=True)]
        # Sessions of distinct voters, logged in the way the login view does it.
        from django.middleware.csrf import _get_new_csrf_string

        sessions = []
        for voter in voters:
            client = Client(HTTP_HOST=HOST)
            client.force_login(voter, backend="participe.accounts.backends.InstanceEmailBackend")
            sessions.append(f"{client.cookies['sessionid'].value} {_get_new_csrf_string()}")
        votes_before = count_votes()

    cpu = {}
    anonymous = Client(HTTP_HOST=HOST)
    member = Client(HTTP_HOST=HOST)
    with in_instance(instance):
        member.force_login(User.objects.filter(email__startswith="votant-").order_by("-pk").first(), backend="participe.accounts.backends.InstanceEmailBackend")
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    for who, client in (("visitor", anonymous), ("member", member)):
        for name, url in pages.items():
            assert client.get(url).status_code == 200, url
            statements.clear()
            with connection.execute_wrapper(count):
                client.get(url)
            samples = []
            for _ in range(20):
                started = time.process_time()
                client.get(url)
                samples.append((time.process_time() - started) * 1000)
            cpu[f"{name} ({who})"] = {
                "queries": len(statements), "cpu_ms_median": round(statistics.median(samples), 1),
                "cpu_ms_max": round(max(samples), 1),
            }
    connection.close()
    return summary, pages, cpu, sessions, opinions, votes_before


def count_votes():
    from django.db import connection

    with connection.cursor() as cursor:  # every instance's: the bench's database holds only its own
        cursor.execute("SELECT count(*) FROM votes_vote")
        return cursor.fetchone()[0]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start")


def parse_wrk(output):
    def latency(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)", output, re.M)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    requests = re.search(r"(\d+) requests in", output)
    return {
        "rps": float(rps.group(1)) if rps else 0.0, "p50_ms": latency("50"), "p99_ms": latency("99"),
        "requests": int(requests.group(1)) if requests else 0, "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def _median_of(rounds, name):
    return {
        "rps": round(statistics.median(one[name]["rps"] for one in rounds), 1),
        "p50_ms": statistics.median(one[name]["p50_ms"] for one in rounds),
        "p99_ms": statistics.median(one[name]["p99_ms"] for one in rounds),
        "requests": sum(one[name]["requests"] for one in rounds),
        "errors": sum(one[name]["errors"] for one in rounds),
    }


def run_wrk(url, script, args, script_args=()):
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency", "-s", script, url]
    if script_args:
        command += ["--", *script_args]
    return parse_wrk(subprocess.run(command, capture_output=True, text=True, check=True).stdout)  # noqa: S603


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--voters", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="each scenario right after its baseline, this many times")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    ensure_database(database_url)
    os.environ.update(environment(database_url))
    summary, pages, cpu, sessions, opinions, votes_before = prepare(args)

    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "granian", "--interface", "wsgi", "participe.wsgi:application", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(args.workers), "--blocking-threads", str(args.threads), "--no-ws",
         "--log-level", "warning"],
        cwd=ROOT, env=environment(database_url), stdout=subprocess.DEVNULL,
    )
    rounds = []
    try:
        wait_for(port)
        base = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            (folder / "get.lua").write_text(HOST_LUA % {"host": HOST})
            (folder / "post.lua").write_text(POST_LUA % {"host": HOST})
            (folder / "vote.lua").write_text(VOTE_LUA % {"host": HOST})
            (folder / "users.txt").write_text("\n".join(sessions) + "\n")
            (folder / "opinions.txt").write_text("\n".join(opinions) + "\n")
            run_wrk(base + pages["article"], str(folder / "get.lua"), argparse.Namespace(connections=4, duration=3))  # warm-up
            (folder / "member_insert.txt").write_text("/bench/raw-insert/member/\n")
            vote_args = [str(folder / "users.txt"), str(folder / "opinions.txt")]
            member_args = [str(folder / "users.txt"), str(folder / "member_insert.txt")]
            for _round in range(args.rounds):  # the machine's speed drifts: each ratio is taken within a round
                rounds.append({
                    "hello": run_wrk(base + "/bench/hello/", str(folder / "get.lua"), args),
                    "article": run_wrk(base + pages["article"], str(folder / "get.lua"), args),
                    "raw_insert": run_wrk(base + "/bench/raw-insert/", str(folder / "post.lua"), args),
                    "vote": run_wrk(base + "/", str(folder / "vote.lua"), args, vote_args),
                    # Context, not the goal's baseline: the same raw insert with a member's session, account and CSRF check.
                    "raw_insert_by_member": run_wrk(base + "/", str(folder / "vote.lua"), args, member_args),
                })
    finally:
        server.terminate()
        server.wait(timeout=30)

    results = {name: _median_of(rounds, name) for name in rounds[0]}
    results["vote"]["new_votes"] = count_votes() - votes_before  # first votes (the rest changed a vote)

    def ratio(name, baseline):
        return round(statistics.median(one[name]["rps"] / one[baseline]["rps"] for one in rounds if one[baseline]["rps"]), 3)

    ratios = {
        "article_vs_hello": ratio("article", "hello"),
        "vote_vs_raw_insert": ratio("vote", "raw_insert"),
        "raw_insert_by_member_vs_raw_insert": ratio("raw_insert_by_member", "raw_insert"),
        "vote_vs_raw_insert_by_member": ratio("vote", "raw_insert_by_member"),
    }
    ratios["per_round"] = [
        {"vote_vs_raw_insert": round(one["vote"]["rps"] / one["raw_insert"]["rps"], 3),
         "vote_vs_raw_insert_by_member": round(one["vote"]["rps"] / one["raw_insert_by_member"]["rps"], 3),
         "article_vs_hello": round(one["article"]["rps"] / one["hello"]["rps"], 3)}
        for one in rounds
    ]
    report = {"import": summary, "pages": cpu, "load": results, "ratios": ratios,
              "settings": {"rounds": args.rounds, "duration_s": args.duration, "connections": args.connections, "workers": args.workers, "threads": args.threads, "voters": len(sessions)}}
    print(json.dumps(report, indent=2))
    print(f"article page: {results['article']['rps']:.0f} req/s = {ratios['article_vs_hello']} × hello (target ≥ 0.3)")
    print(f"vote POST:    {results['vote']['rps']:.0f} req/s = {ratios['vote_vs_raw_insert']} × raw insert (target ≥ 0.5);"
          f" {results['vote']['new_votes']} new votes of {results['vote']['requests']} requests")
    print(f"context: the raw insert by a signed-in member (session, account, CSRF) = {ratios['raw_insert_by_member_vs_raw_insert']} × raw insert;"
          f" the vote = {ratios['vote_vs_raw_insert_by_member']} × that")
    for name, page in cpu.items():
        print(f"{name}: {page['queries']} queries, {page['cpu_ms_median']} ms CPU (median), target < 150 ms")


if __name__ == "__main__":
    main()
