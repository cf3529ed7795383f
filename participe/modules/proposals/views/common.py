"""Lookups shared by the proposals views: 404 for whatever the visitor may not see."""

import copy

from django.http import Http404
from django.shortcuts import get_object_or_404

from participe.core.prepared import Prepared
from participe.core.recent import RecentValues
from participe.instances.scoping import current_instance
from participe.modules.proposals.models import Proposal
from participe.participation.access import project_visible
from participe.projects.models import Step

STEP_TYPES = ("collect", "selection")


# Every list, map and vote request of the module starts here: the lookup is built once (participe.core.prepared).
_step_with_project = Prepared(
    lambda pk: Step.objects.select_related("project").filter(pk=pk, type__in=STEP_TYPES).order_by()[:1], "pk"
)


# Anonymous lists and maps are shared pages, cached anyway: their step may be two seconds old (core/recent.py).
recent_steps = RecentValues(seconds=2)


def _step(request, step_id):
    instance = current_instance()
    if request.method != "GET" or request.user.is_authenticated or instance is None:
        return _step_with_project.first(pk=step_id)
    step = recent_steps.get((instance.pk, step_id), lambda: _step_with_project.first(pk=step_id))
    return copy.copy(step)  # each request its own object: views set attributes on it


def step_or_404(request, step_id):
    step = _step(request, step_id)
    if step is None or not project_visible(request.user, step):
        raise Http404
    if not step.is_enabled and not request.user.has_perm("projects.change_project", step.project):
        raise Http404
    return step


def proposal_or_404(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("step__project", "author", "category", "district", "theme"), pk=pk)
    if proposal.step is None:
        raise Http404
    visible = Proposal.objects.visible_to(request.user, proposal.step).filter(pk=pk).exists()
    if not visible or not project_visible(request.user, proposal.step):
        raise Http404
    return proposal


def is_staff_of(user, step):
    return user.is_authenticated and (
        user.is_instance_admin or user.is_superuser or user.has_perm("projects.change_project", step.project)
    )


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "") or request.headers.get("X-Requested-With") == "fetch"


def map_context():
    """What the Leaflet maps need: the tile server and its attribution (settings, see configuration.md)."""
    from django.conf import settings

    return {
        "map_tiles_url": settings.PARTICIPE_MAP_TILES_URL,
        "map_attribution": settings.PARTICIPE_MAP_ATTRIBUTION,
    }
