"""A proposal's status in a selection step changes (back office, /gestion/, a move into the step): its author and
its followers are told, whichever screen made the change."""

from django.db.models.signals import post_save, pre_save

from participe.modules.proposals.models import Selection
from participe.notifications.followers import announce_status


def remember_status(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = Selection.objects.filter(pk=instance.pk).values_list("status_id", flat=True).first() if instance.pk else None
    instance._status_before = before


def announce_new_status(sender, instance, raw=False, **kwargs):
    if raw or instance.status_id is None or instance.status_id == getattr(instance, "_status_before", None):
        return
    announce_status(instance.proposal, instance.status.name)


def connect():
    pre_save.connect(remember_status, sender=Selection, dispatch_uid="proposals.selection_status_before")
    post_save.connect(announce_new_status, sender=Selection, dispatch_uid="proposals.selection_status_announced")
