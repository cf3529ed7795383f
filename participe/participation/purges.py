"""What purges an instance's anonymous pages (core/generations.py): every change of what visitors may see.

A contribution edited, hidden or restored by moderation, withdrawn, unpublished or deleted; a project, step
or the content staff put up (pages, news, events, consultation texts, debates) saved or deleted; the
instance's settings. A new contribution needs no purge: the counters it moves are part of the keys.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from participe.core.generations import purge
from participe.participation.models import Contribution

# Staff-edited content shown to visitors, by model label: any save or delete purges.
STAFF_CONTENT = {
    "projects.project", "projects.step", "website.page", "website.post", "website.event",
    "consultation.consultation", "consultation.section", "consultation.debate",
}


def _instance_id(obj):
    if obj._meta.label_lower == "instances.instance":
        return obj.pk
    return getattr(obj, "instance_id", None)


def _is_contribution(obj):
    return isinstance(obj, Contribution)


def purge_after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    label = sender._meta.label_lower
    if label in STAFF_CONTENT or label == "instances.instance" or (not created and _is_contribution(instance)):
        purge(_instance_id(instance))


def purge_after_delete(sender, instance, **kwargs):
    if sender._meta.label_lower in STAFF_CONTENT or _is_contribution(instance):
        purge(_instance_id(instance))


def connect():
    # Per model, never for every sender: a delete receiver on a model makes Django read the rows before it
    # deletes them (no fast delete), which a vote's withdrawal, among others, must not pay.
    for model in apps.get_models():
        if model._meta.label_lower in STAFF_CONTENT | {"instances.instance"} or issubclass(model, Contribution):
            uid = model._meta.label_lower
            post_save.connect(purge_after_save, sender=model, dispatch_uid=f"participation.purge_after_save.{uid}")
            post_delete.connect(purge_after_delete, sender=model, dispatch_uid=f"participation.purge_after_delete.{uid}")
