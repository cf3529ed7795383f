"""Import replies into a questionnaire from a CSV file (header: the questions' titles, as in the export)."""

from django.core.management.base import BaseCommand, CommandError

from participe.forms.importer import ImportErrors, import_replies
from participe.instances.commands import add_instance_argument, instance_named
from participe.instances.scoping import in_instance
from participe.modules.questionnaires.models import Questionnaire
from participe.modules.questionnaires.services import import_reply_factory


class Command(BaseCommand):
    help = "Import replies into a questionnaire from a CSV file (all rows or none)."

    def add_arguments(self, parser):
        add_instance_argument(parser)
        parser.add_argument("questionnaire", type=int, help="id of the questionnaire")
        parser.add_argument("csv_file")

    def handle(self, instance, questionnaire, csv_file, **options):
        with in_instance(instance_named(instance)):
            try:
                found = Questionnaire.objects.select_related("form").get(pk=questionnaire)
            except Questionnaire.DoesNotExist as exc:
                raise CommandError(f"no questionnaire {questionnaire} on {instance}") from exc
            with open(csv_file, encoding="utf-8-sig") as handle:
                try:
                    count = import_replies(found.form.definition(), handle.read(), import_reply_factory(found))
                except ImportErrors as exc:
                    raise CommandError("\n".join(exc.errors)) from exc
        self.stdout.write(self.style.SUCCESS(f"{count} replies imported"))
