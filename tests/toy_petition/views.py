from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from participe.participation.gate import gated
from participe.participation.services import initial_status
from participe.projects.models import Step
from participe.projects.views import step_page_context
from tests.toy_petition.forms import PetitionForm
from tests.toy_petition.models import Petition


def step_page(request, step, form=None, status=200):
    """The petition step's public page, in every state (the projects app calls it)."""
    petitions = Petition.objects.published().filter(step=step).select_related("step__project").order_by("-votes_total", "pk")
    context = {**step_page_context(request, step), "petitions": petitions, "form": form or PetitionForm()}
    return render(request, "toy_petition/step.html", context, status=status)


def _petition_step(request, step_id):
    return get_object_or_404(Step.objects.select_related("project"), pk=step_id, type="petition")


@require_POST
@gated("start", _petition_step)
def start(request, step_id):
    step = _petition_step(request, step_id)
    form = PetitionForm(request.POST)
    if not form.is_valid():
        return step_page(request, step, form, status=400)
    Petition.objects.create(
        instance_id=step.instance_id, step=step, author=request.user, title=form.cleaned_data["title"],
        **initial_status(request.user, step).fields(),
    )
    return redirect(step.get_absolute_url())
