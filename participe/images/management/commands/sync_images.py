"""Once, after upgrading to the images app: rows whose image was uploaded before it get their Image (size,
description) and renditions. Rows already linked are left alone; run it again at will."""

from django.apps import apps
from django.core.management.base import BaseCommand

from participe.images.receivers import cover_fields
from participe.images.services import mirror
from participe.instances.models import Instance
from participe.instances.scoping import in_instance, platform_wide


class Command(BaseCommand):
    help = "Give every uploaded cover or proposal image saved before the images app its Image and renditions."

    def handle(self, *args, **options):
        with platform_wide():
            instances = list(Instance.objects.all())
        linked = 0
        for instance in instances:
            with in_instance(instance):
                for model in apps.get_models():
                    for field in cover_fields(model):
                        rows = model.objects.exclude(**{field.source: ""}).filter(**{f"{field.name}__isnull": True})
                        for row in rows.iterator():
                            image = mirror(
                                getattr(row, field.source), getattr(row, field.alt_source, ""), None,
                                instance_id=instance.pk,
                            )
                            if image is not None:
                                model._base_manager.filter(pk=row.pk).update(**{field.attname: image.pk})
                                linked += 1
        self.stdout.write(f"{linked} image(s) linked; their renditions are being made in the background.")
