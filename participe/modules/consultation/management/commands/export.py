"""`participe export consultation STEP --instance DOMAIN --format csv|xlsx --output FILE`."""

from django.core.management.base import BaseCommand, CommandError

from participe.exports.writers import write_csv, write_xlsx
from participe.instances.commands import add_instance_argument, instance_named
from participe.instances.scoping import in_instance
from participe.projects.models import Step


class Command(BaseCommand):
    help = "Export the contributions of a step (kinds: consultation)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["consultation"])
        parser.add_argument("step", type=int, help="the step's number (id)")
        add_instance_argument(parser)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, kind, step, instance, format, output, **options):  # noqa: A002 - the option's name
        with in_instance(instance_named(instance)):
            found = Step.objects.filter(pk=step, type="consultation").first()
            if found is None:
                raise CommandError(f"No consultation step {step} on {instance}")
            exporters = found.step_type.get_hook("exporters")(found)
            if not exporters:
                raise CommandError(f"Step {step} has no consultation")
            rows = 0

            def counted(number):
                nonlocal rows
                rows += 1

            if format == "csv":
                with open(output, "w", encoding="utf-8", newline="") as file:
                    for exporter in exporters:
                        write_csv(exporter, file, on_row=counted)
            else:
                if len(exporters) > 1:
                    self.stderr.write("Several consultations: only the first is written to the workbook.")
                write_xlsx(exporters[0], output, on_row=counted)
        self.stdout.write(f"{rows} rows written to {output}")
