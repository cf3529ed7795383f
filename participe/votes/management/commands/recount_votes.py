"""`participe recount_votes --instance DOMAIN`: every step's and project's vote totals of an instance, from the rows.

The minute's job (`recount-step-votes`) recounts the steps open or closed less than a day ago; this command
recounts all of them, e.g. after votes moved in a step closed long ago (a merge, a repair).
"""

from django.core.management.base import BaseCommand

from participe.instances.commands import add_instance_argument, instance_named
from participe.instances.scoping import in_instance
from participe.projects.models import Step
from participe.votes import tallies


class Command(BaseCommand):
    help = "Recount every step's and project's vote totals of an instance from the votes and ballots."

    def add_arguments(self, parser):
        add_instance_argument(parser)

    def handle(self, *args, **options):
        instance = instance_named(options["instance"])
        with in_instance(instance):
            moved = tallies.recount(Step.objects.all())
        self.stdout.write(f"{moved} step total(s) corrected")
