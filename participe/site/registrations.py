"""Registering for an event and cancelling: the only writers of registrations and of the event's counters.

Both lock the event's row first and count after the lock, inside one transaction, so
concurrent registrations queue on the lock and the capacity is never exceeded.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from participe.core.links import absolute_url
from participe.core.mail import send_email
from participe.site.models import Event, Registration

Status = Registration.Status


class RegistrationRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Outcome:
    registration: Registration | None
    created: bool = False
    promoted: Registration | None = None


def _locked(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def _recount(event):
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed_count=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting_count=Count("pk", filter=Q(status=Status.WAITING)),
    )
    Event.objects.filter(pk=event.pk).update(**counts)
    event.confirmed_count, event.waiting_count = counts["confirmed_count"], counts["waiting_count"]


def register(event, user):
    """Confirm `user`'s place, or put them on the waiting list; raise RegistrationRefused otherwise."""
    with transaction.atomic():
        event = _locked(event)
        existing = Registration.objects.filter(event=event, user=user).first()
        if existing is not None:
            return Outcome(existing)
        if not event.registration_open or event.is_over:
            raise RegistrationRefused(_("Registration for this event is closed."))
        confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
        if event.capacity is None or confirmed < event.capacity:
            status = Status.CONFIRMED
        elif event.waiting_list:
            status = Status.WAITING
        else:
            raise RegistrationRefused(_("This event is full."))
        try:
            with transaction.atomic():
                registration = Registration.objects.create(event=event, user=user, status=status)
        except IntegrityError:  # the same person, twice at once: the unique constraint keeps one
            return Outcome(Registration.objects.get(event=event, user=user))
        _recount(event)
        transaction.on_commit(lambda: _notify(registration, "event_registration"))
    return Outcome(registration, created=True)


def _promote_into_free_places(event):
    """Confirm people from the waiting list, oldest first, while places are free (caller holds the lock)."""
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    free = None if event.capacity is None else max(event.capacity - confirmed, 0)
    waiting = Registration.objects.filter(event=event, status=Status.WAITING).select_related("user")
    promoted = list(waiting.order_by("created_at", "pk")[:free] if free is not None else waiting)
    Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(status=Status.CONFIRMED)
    for registration in promoted:
        registration.status = Status.CONFIRMED
        transaction.on_commit(lambda r=registration: _notify(r, "event_promoted"))
    return promoted


def cancel(event, user):
    """Withdraw `user`; a freed place goes to the first person on the waiting list."""
    with transaction.atomic():
        event = _locked(event)
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration is None:
            return Outcome(None)
        registration.delete()
        promoted = _promote_into_free_places(event)
        _recount(event)
    return Outcome(None, promoted=promoted[0] if promoted else None)


def fill_free_places(event):
    """After the capacity was raised or removed: move the waiting list up into the new places."""
    with transaction.atomic():
        event = _locked(event)
        promoted = _promote_into_free_places(event)
        _recount(event)
    return promoted


def _notify(registration, template):
    event = registration.event
    instance = event.instance
    link = absolute_url(instance, event.get_absolute_url())
    send_email(
        instance,
        registration.user.email,
        template,
        {"event": event, "registration": registration, "user": registration.user, "link": link},
    )
