"""`participe` console command: manage.py with a few shortcuts.

    participe demo      migrate, collect static files, load the demo data, serve
    participe serve     serve (granian + Celery worker)
    participe instance create --name … --domain … --admin-email …
    participe <any manage.py command>
"""

import os
import sys


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "participe.settings")
    from django.core.management import call_command, execute_from_command_line

    if len(argv) > 1 and argv[1] == "demo":
        # Links in the demo's e-mails name the port it serves on (docs/configuration.md, PUBLIC_PORT).
        os.environ.setdefault("PUBLIC_PORT", _served_port(argv[2:]))
        import django

        django.setup()
        call_command("migrate", interactive=False, verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("demo")
        execute_from_command_line([argv[0], "serve", *argv[2:]])
        return
    execute_from_command_line(argv)


def _served_port(arguments):
    """The port `serve` will listen on: its --port argument, else PORT, else 8000."""
    for index, argument in enumerate(arguments):
        if argument.startswith("--port="):
            return argument.split("=", 1)[1]
        if argument == "--port" and index + 1 < len(arguments):
            return arguments[index + 1]
    return os.environ.get("PORT", "8000")


if __name__ == "__main__":
    main()
