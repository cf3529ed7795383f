from django.http import Http404

from participe.gestion.access import managed_step

STEP_TYPES = ("collect", "selection")


def proposal_step(request, pk):
    """The collect or selection step `pk` of a project `request.user` manages, else 404."""
    step = managed_step(request, pk)
    if step.type not in STEP_TYPES:
        raise Http404
    return step
