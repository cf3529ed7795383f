"""Once, when upgrading to split storages: files uploaded before sat directly in MEDIA_ROOT; each moves to the
storage its field now names (MEDIA_ROOT/public/ or PRIVATE_MEDIA_ROOT). Files already moved are left alone."""

import os
import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import models

from participe.instances.scoping import platform_wide


def file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


class Command(BaseCommand):
    help = "Move files uploaded before the public/private split into the storage their field names."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say what would move.")

    def handle(self, *args, dry_run=False, **options):
        old_root = Path(settings.MEDIA_ROOT).resolve()
        moved = missing = 0
        with platform_wide():
            for model, field in file_fields():
                names = model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                for name in names.iterator():
                    source = (old_root / name).resolve()
                    target = Path(field.storage.path(name))
                    if target.exists() or old_root not in source.parents:
                        continue
                    if not source.is_file():
                        missing += 1
                        continue
                    self.stdout.write(f"{model._meta.label}.{field.name}: {name} → {target}")
                    if not dry_run:
                        os.makedirs(target.parent, exist_ok=True)
                        shutil.move(source, target)
                    moved += 1
        self.stdout.write(f"{moved} file(s) moved, {missing} missing" + (" (dry run)" if dry_run else ""))
