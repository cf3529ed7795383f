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
        import django

        django.setup()
        call_command("migrate", interactive=False, verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("demo")
        execute_from_command_line([argv[0], "serve", *argv[2:]])
        return
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
