"""Rows with a CoverField: their Image follows their upload field on each save (a new file: a new Image and
its renditions; a new description: the Image's; no file: no Image) and goes with them. An Image's files go
with it once the deletion is committed, the source file only when no other Image uses it (a copied project
shares its cover's file)."""

from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from participe.images.fields import CoverField
from participe.images.models import Image
from participe.images.renditions import delete_files
from participe.images.services import mirror


def _delete_files(sender, instance, **kwargs):
    names = [r["name"] for r in instance.renditions]
    if not Image._base_manager.filter(file=instance.file.name).exists():
        names.append(instance.file.name)
    transaction.on_commit(partial(delete_files, names))


def _follow_sources(fields, sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    changes = {}
    for field in fields:
        if update_fields is not None and not {field.source, field.alt_source} & set(update_fields):
            continue  # a save of other columns (counters, a point): the image cannot have changed
        image = mirror(
            getattr(instance, field.source), getattr(instance, field.alt_source, ""), getattr(instance, field.attname),
            instance_id=instance.instance_id,
        )
        if getattr(image, "pk", None) != getattr(instance, field.attname):
            changes[field.attname] = getattr(image, "pk", None)
    if changes:
        type(instance)._base_manager.filter(pk=instance.pk).update(**changes)
        for attname, value in changes.items():
            setattr(instance, attname, value)


def _delete_images(fields, sender, instance, **kwargs):
    ids = [pk for pk in (getattr(instance, field.attname) for field in fields) if pk]
    if ids:
        Image._base_manager.filter(pk__in=ids).delete()


def cover_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, CoverField)]


def connect():
    post_delete.connect(_delete_files, sender=Image, dispatch_uid="images.delete_files")
    for model in apps.get_models():
        if fields := cover_fields(model):
            uid = model._meta.label
            post_save.connect(partial(_follow_sources, fields), sender=model, weak=False, dispatch_uid=f"images.follow.{uid}")
            post_delete.connect(partial(_delete_images, fields), sender=model, weak=False, dispatch_uid=f"images.delete.{uid}")
