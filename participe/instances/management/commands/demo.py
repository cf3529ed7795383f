"""Load the demo instances (idempotent): run it as often as you like. Each instance's content is loaded in one
transaction (participe.instances.demo.load)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from participe.instances import demo


class Command(BaseCommand):
    help = "Create or refresh the demo instances on localhost/127.0.0.1 and autre.localhost."

    def handle(self, *args, **options):
        for line in demo.load(now=timezone.now()):
            self.stdout.write(line)
