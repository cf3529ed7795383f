"""Events typed with an address and no point are placed by a background job after the commit
(participe/core/geocoding.py), whichever form saved them: the back office, the admin or an import."""

from celery import shared_task
from django.db import transaction
from django.db.models.signals import post_save

from participe.core.geocoding import geocode
from participe.instances.models import Instance
from participe.instances.scoping import in_instance, platform_wide
from participe.site.models import Event


@shared_task
def geocode_event(instance_id, event_id, address):
    with platform_wide():
        instance = Instance.objects.get(pk=instance_id)
    with in_instance(instance):
        event = Event.objects.filter(pk=event_id, address=address, latitude__isnull=True).first()
        point = geocode(address) if event is not None else None
        if point is None:
            return False
        event.latitude, event.longitude = point.latitude, point.longitude
        event.save(update_fields=["latitude", "longitude"])
        return True


def _after_save(sender, instance, raw=False, **kwargs):
    if raw or not instance.address or instance.has_point:
        return
    event_id, instance_id, address = instance.pk, instance.instance_id, instance.address
    transaction.on_commit(lambda: geocode_event.delay(instance_id, event_id, address))


def connect():
    post_save.connect(_after_save, sender=Event, dispatch_uid="website.geocode_event")
