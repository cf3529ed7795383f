from datetime import time, timedelta

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from participe.projects.registry import StepState
from participe.projects.views import step_page_context

register = template.Library()

STATE_LABELS = {
    StepState.FUTURE: pgettext_lazy("step state", "Upcoming"),
    StepState.OPEN: pgettext_lazy("step state", "Open"),
    StepState.CLOSED: pgettext_lazy("step state", "Closed"),
}


@register.filter
def state_label(state):
    """{{ step.state|state_label }}: the state in words, so it is never told by colour alone."""
    return STATE_LABELS.get(state, "")


def _moment(value, closing=False):
    """A date, with its time unless it is midnight; a closing midnight reads as the day before, its last day."""
    local = timezone.localtime(value)
    if local.time() == time(0, 0):
        day = local.date() - timedelta(days=1) if closing else local.date()
        return date_format(day, "j F Y")
    return date_format(local, "j F Y, H:i")


@register.simple_tag
def step_dates(step):
    """{% step_dates step %}: "From 1 March 2026 to 31 March 2026", in the instance's time zone."""
    if step.starts_at and step.ends_at:
        return _("From %(start)s to %(end)s") % {"start": _moment(step.starts_at), "end": _moment(step.ends_at, True)}
    if step.starts_at:
        return _("From %(start)s") % {"start": _moment(step.starts_at)}
    if step.ends_at:
        return _("Until %(end)s") % {"end": _moment(step.ends_at, True)}
    return _("No set dates")


@register.simple_tag(takes_context=True)
def step_frame(context):
    """{% step_frame %} in "projects/step_base.html": fills what the shared step layout shows (project, steps,
    state, requirements) for a module view that passed only `step`; a view that used step_page_context keeps its own.
    """
    step = context.get("step")
    if step is None or "steps" in context:
        return ""
    request = context.get("request")
    if request is None:
        return ""
    context.update({key: value for key, value in step_page_context(request, step).items() if key not in context})
    return ""
