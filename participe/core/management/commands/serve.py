"""Serve the platform with a production-grade server, plus the background worker when asked."""

import os
import shutil
import signal
import subprocess  # noqa: S404 - we start our own server and worker processes
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


def server_command(server, host, port, workers, threads):
    if server == "gunicorn":
        return [
            sys.executable, "-m", "gunicorn", "participe.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", str(threads),
            "--access-logfile", "-", "--forwarded-allow-ips", "127.0.0.1",
        ]
    return [
        sys.executable, "-m", "granian", "--interface", "wsgi", "participe.wsgi:application",
        "--host", host, "--port", str(port), "--workers", str(workers),
        "--blocking-threads", str(threads), "--no-ws",
    ]


def worker_command():
    celery = shutil.which("celery", path=os.path.dirname(sys.executable)) or "celery"
    return [celery, "-A", "participe", "worker", "--beat", "--concurrency", "1", "--loglevel", "INFO",
            "--schedule", str(settings.VAR_DIR / "celerybeat-schedule")]


class Command(BaseCommand):
    help = "Serve Participe (granian by default, gunicorn with --server gunicorn) and its Celery worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
        parser.add_argument("--server", choices=["granian", "gunicorn"], default=os.environ.get("PARTICIPE_SERVER", "granian"))
        parser.add_argument("--no-worker", action="store_true", help="Do not start the background worker")

    def handle(self, *args, **options):
        commands = [server_command(options["server"], options["host"], options["port"], options["workers"], options["threads"])]
        if not options["no_worker"] and not settings.CELERY_TASK_ALWAYS_EAGER:
            commands.append(worker_command())
        processes = [subprocess.Popen(command) for command in commands]  # noqa: S603
        self.stdout.write(f"Participe on http://{options['host']}:{options['port']}/ — Ctrl+C to stop")

        def stop(*_):
            for process in processes:
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(process.poll() is None for process in processes):
                try:
                    processes[0].wait(timeout=1)
                except subprocess.TimeoutExpired:
                    continue
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes:
                process.wait(timeout=20)
        sys.exit(processes[0].returncode or 0)
