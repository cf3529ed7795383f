"""An event's registrations: the list (confirmed, then the waiting list) and its CSV export."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from participe.exports.base import Exporter
from participe.exports.responses import csv_response
from participe.gestion.access import staff_view
from participe.site.models import Event, Registration

PAGE_SIZE = 100


def _event(pk):
    event = Event.objects.defer("description").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def _registrations(event):
    return (
        Registration.objects.filter(event=event)
        .select_related("user")
        .only("status", "created_at", "event_id", "user__email", "user__display_name")
        .order_by("status", "created_at", "pk")
    )


class RegistrationsExporter(Exporter):
    def __init__(self, event):
        self.event = event
        self.filename = f"inscriptions-{event.slug}"

    def columns(self):
        return [_("Name"), _("E-mail"), _("Status"), _("Registered at")]

    def rows(self):
        for registration in _registrations(self.event).iterator(chunk_size=2000):
            user = registration.user
            yield [user.display_name, user.email, registration.get_status_display(),
                   registration.created_at.isoformat(timespec="minutes")]


@staff_view("gestion.manage_website")
def registrations(request, pk):
    event = _event(pk)
    page = Paginator(_registrations(event), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "gestion/website/registrations.html", {"event": event, "page": page})


@staff_view("gestion.manage_website")
def registrations_export(request, pk):
    return csv_response(request, RegistrationsExporter(_event(pk)))
