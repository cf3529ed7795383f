"""`participe import KIND PATH --instance DOMAIN`: run a module's importer and print its JSON summary."""

import json

from django.core.management.base import BaseCommand, CommandError

from participe.core import importers
from participe.instances.commands import add_instance_argument, instance_named
from participe.instances.scoping import in_instance


class Command(BaseCommand):
    help = "Import data into an instance. Kinds are registered by the modules (see participe/core/importers.py)."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="what to import: " + ", ".join(importers.kinds()))
        parser.add_argument("path", help="file or folder to read")
        add_instance_argument(parser)

    def handle(self, kind, path, instance, **options):
        importer = importers.get(kind)
        if importer is None:
            raise CommandError(f"Unknown kind {kind!r}; known: {', '.join(importers.kinds()) or 'none'}")
        target = instance_named(instance)
        with in_instance(target):
            summary = importer.run(path, target)
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
