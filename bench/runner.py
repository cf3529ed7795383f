"""Benchmark runner: the production server configuration on loopback, PostgreSQL, wrk, baselines in the same run.

    .venv/bin/python -m bench.runner [scenario …] [--rounds 3] [--duration 10] [--server granian]

Prepares the database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/participe_bench:
created, migrated, an instance on `bench.test`, the `bench_raw_insert` table), starts `participe serve`
with DEBUG=0 and PARTICIPE_URLCONF=bench.urls, warms up, then runs each round as: every selected
scenario interleaved with its baseline. Prints medians over the rounds (requests/s, p50/p99 latency,
errors) and the ratio of each scenario to its baseline. See bench/README.md.
"""

import argparse
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).absolute().parents[1]
OUT = ROOT / "bench" / "out"
HOST = "bench.test"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/participe_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/6"


def redis_url():
    """Production's cache and sessions (BENCH_REDIS_URL), when a Redis answers; else None (local memory)."""
    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    address = urlsplit(url)
    try:
        with socket.create_connection((address.hostname or "127.0.0.1", address.port or 6379), timeout=1):
            return url
    except OSError:
        return None
PASSWORD = "Bench-Password-2026"


def environment(database_url, port):
    """The production settings, on loopback: what `participe serve` reads."""
    OUT.mkdir(parents=True, exist_ok=True)
    secret = OUT / "secret_key"
    if not secret.exists():
        secret.write_text(secrets.token_urlsafe(50))
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "participe.settings",
        "PARTICIPE_URLCONF": "bench.urls",
        "DEBUG": "0",
        "PARTICIPE_TESTING": "0",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secret.read_text(),
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "PARTICIPE_VAR_DIR": str(OUT / "var"),
        "STATIC_ROOT": str(OUT / "static"),
        # E-mails rendered and "sent" in the request, as the eager default does; nothing leaves the machine.
        "EMAIL_URL": "locmem://",
        "CELERY_TASK_ALWAYS_EAGER": "1",
        # The writes are measured, not the limiter that would stop a single address after a few.
        "RATELIMIT_ENABLE": "0",
        "LOG_LEVEL": "WARNING",
        "PORT": str(port),
        # Shared cache, sessions and page cache in Redis, as in production (sessions in the database without it).
        **({"REDIS_URL": redis} if (redis := redis_url()) else {}),
    }


# Preparing the database ------------------------------------------------------------------------------


def ensure_database(database_url):
    import psycopg

    name = database_url.rsplit("/", 1)[1].split("?")[0]
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


class Setup:
    """In-process access to the bench database, for what the scenarios need before serving."""

    def __init__(self, env):
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from participe.instances.services import create_instance

        self.instance, _ = create_instance("Ville de Banc d'Essai", [HOST, "127.0.0.1"], slug="bench")
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS bench_raw_insert "
                "(id bigserial PRIMARY KEY, value integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
            )

    def logged_in_participants(self, count):
        """(session key, CSRF token) of `count` participants, logged in as the login view would."""
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore
        from django.utils import timezone

        from participe.accounts.models import User
        from participe.instances.scoping import in_instance

        sessions = []
        with in_instance(self.instance):
            for number in range(count):
                email = f"bench-{number}@bench.test"
                user = User.objects.filter(email=email).first()
                if user is None:
                    user = User(email=email, display_name=f"Participant {number}", email_confirmed_at=timezone.now())
                    user.set_password(PASSWORD)
                    user.save()
                store = SessionStore()
                store[SESSION_KEY] = str(user.pk)
                store[BACKEND_SESSION_KEY] = "participe.accounts.backends.InstanceEmailBackend"
                store[HASH_SESSION_KEY] = user.get_session_auth_hash()
                store.create()
                sessions.append((store.session_key, secrets.token_hex(16)))  # 32 characters: a CSRF secret
        return sessions


# Serving ---------------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(env, server="granian", workers=2, threads=4):
    port = int(env["PORT"])
    command = [
        sys.executable, "-m", "participe.cli", "serve", "--no-worker", "--server", server,
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), "--threads", str(threads),
    ]
    log = open(OUT / f"server-{server}.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def wait_until_up(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (see {OUT}/server-*.log)")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start in time")


# Measuring ---------------------------------------------------------------------------------------------


def wrk(base_url, scenario, values, duration, connections, threads=2):
    script = OUT / f"{scenario.name}.lua"
    lua = scenario.lua or 'wrk.headers["Host"] = "{host}"\n'
    script.write_text(lua.format(host=HOST, path=scenario.path, **values))
    command = [
        "wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency", "-s", str(script),
        base_url + scenario.path,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output):
    latency = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+\w+)", output, re.MULTILINE))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "requests": requests,
        "errors": (int(bad_status.group(1)) if bad_status else 0)
        + (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0),
    }


def run_rounds(base_url, names, values, rounds, duration, connections, log=print):
    """Each round measures every scenario right after its baseline, so both see the same machine."""
    from bench.scenarios import SCENARIOS

    order = []
    for name in names:
        for step in (SCENARIOS[name].baseline, name):
            if step not in order or step in ("hello", "raw-insert"):
                order.append(step)
    samples = {name: [] for name in dict.fromkeys(order)}
    for round_number in range(1, rounds + 1):
        for name in order:
            result = wrk(base_url, SCENARIOS[name], values.get(name, {}), duration, connections)
            samples[name].append(result)
            log(f"  round {round_number} {name:<16} {result['rps']:>8.1f} req/s  p50 {result['p50_ms']:.1f} ms"
                f"  p99 {result['p99_ms']:.1f} ms  errors {result['errors']}")
    return summarise(samples)


def summarise(samples):
    from bench.scenarios import SCENARIOS

    summary = {}
    for name, runs in samples.items():
        summary[name] = {
            key: statistics.median(run[key] for run in runs) for key in ("rps", "p50_ms", "p99_ms")
        } | {"errors": sum(run["errors"] for run in runs), "requests": sum(run["requests"] for run in runs)}
    for name, row in summary.items():
        baseline = SCENARIOS[name].baseline
        if baseline in summary and baseline != name:
            row["ratio"] = row["rps"] / summary[baseline]["rps"]
            row["baseline"] = baseline
    return summary


def table(summary):
    lines = [
        "| scenario | req/s (median) | p50 ms | p99 ms | errors | ratio to baseline |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, row in summary.items():
        ratio = f"{row['ratio']:.2f} × {row['baseline']}" if "ratio" in row else "—"
        lines.append(
            f"| {name} | {row['rps']:.1f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} | {ratio} |"
        )
    return "\n".join(lines)


def machine():
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        "unknown",
    )
    load = Path("/proc/loadavg").read_text().split()[:3]
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpus": os.cpu_count(),
        "cpu": model,
        "load_before": " ".join(load),
        "python": sys.version.split()[0],
    }


def prepare(database_url, names, port=None):
    """Database, instance, baseline table, static files and each scenario's data; returns (env, values)."""
    from bench.scenarios import SCENARIOS

    env = environment(database_url, port or free_port())
    ensure_database(database_url)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    setup = Setup(env)
    from django.core.cache import cache

    cache.clear()  # its own Redis database: no page or session left from a previous run's ids
    values = {name: SCENARIOS[name].prepare(setup) for name in names if SCENARIOS[name].prepare}
    return env, values


def main(argv=None):
    from bench.scenarios import BASELINES, SCENARIOS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="*", help=f"default: all of {', '.join(SCENARIOS)}")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--server", choices=["granian", "gunicorn"], default="granian")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", type=Path, help="also write the summary here")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    args = parser.parse_args(argv)
    names = [name for name in (args.scenarios or SCENARIOS) if name not in BASELINES] or list(args.scenarios)
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s) {unknown}; known: {', '.join(SCENARIOS)}")

    info = machine()
    info["cache"] = "redis" if redis_url() else "local memory (no Redis answered)"
    print(f"machine: {info}")
    env, values = prepare(args.database, names)
    with serving(env, args.server, args.workers, args.threads) as base_url:
        print(f"{args.server} on {base_url} ({args.workers} workers × {args.threads} threads); warming up")
        for name in ("hello", *names):
            wrk(base_url, SCENARIOS[name], values.get(name, {}), 3, args.connections)
        summary = run_rounds(base_url, names, values, args.rounds, args.duration, args.connections)
    print()
    print(table(summary))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "args": vars(args) | {"json": str(args.json)}, "summary": summary},
                                        indent=2, default=str))
    return summary


if __name__ == "__main__":
    main()
