"""iCalendar (RFC 5545) files of the agenda, for calendar applications."""

from datetime import timedelta

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar
from icalendar import Event as CalendarEvent

DEFAULT_DURATION = timedelta(hours=2)


def _component(event, request):
    component = CalendarEvent()
    component.add("uid", f"event-{event.pk}@{request.get_host()}")
    component.add("dtstamp", event.updated_at or timezone.now())
    component.add("dtstart", event.starts_at)
    component.add("dtend", event.ends_at or event.starts_at + DEFAULT_DURATION)
    component.add("summary", event.title)
    description = " ".join(strip_tags(event.description).split())
    if event.online_url:
        description = f"{description}\n{event.online_url}".strip()
    if description:
        component.add("description", description)
    if event.address:
        component.add("location", event.address)
    if event.has_point:
        component.add("geo", (event.latitude, event.longitude))
    component.add("url", request.build_absolute_uri(event.get_absolute_url()))
    return component


def calendar(events, request, name):
    cal = Calendar()
    cal.add("prodid", "-//Participe//Agenda//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_component(event, request))
    return cal.to_ical()
