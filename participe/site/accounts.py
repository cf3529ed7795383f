"""The website's part in an account's life: GDPR export, and freeing event places when it is deleted."""

from django.conf import settings
from django.db.models.signals import pre_delete

from participe.accounts import personal_data
from participe.site import registrations
from participe.site.models import Registration


def registrations_of(user):
    return [
        {
            "event": r.event.title,
            "starts_at": r.event.starts_at,
            "status": r.status,
            "registered_at": r.created_at,
        }
        for r in Registration.objects.filter(user=user).select_related("event")
    ]


def free_places_of_deleted_account(sender, instance, **kwargs):
    # Through the service, so counters stay right and the waiting list moves up.
    for registration in Registration.objects.filter(user=instance).select_related("event"):
        registrations.cancel(registration.event, instance)


def connect():
    personal_data.register("event_registrations", registrations_of)
    pre_delete.connect(
        free_places_of_deleted_account, sender=settings.AUTH_USER_MODEL, dispatch_uid="website_free_places"
    )
