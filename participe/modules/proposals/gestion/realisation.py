"""Back office of the realisation follow-up: the step's followed proposals, and each one's progress steps."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from participe.gestion.access import staff_view
from participe.images.forms import DescribedImagesMixin
from participe.modules.proposals import realisation
from participe.modules.proposals.gestion.views.common import proposal_step
from participe.modules.proposals.models import ProgressStep


class ProgressStepForm(DescribedImagesMixin, forms.ModelForm):
    """A stage of the realisation; its photo is checked by content and described, or marked decorative."""

    described_images = {"photo": "photo_alt"}

    class Meta:
        model = ProgressStep
        fields = ["title", "description", "starts_on", "ends_on", "is_done", "percentage", "budget_spent",
                  "photo", "photo_alt", "position"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"is_done": gettext_lazy("This stage is done")}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end cannot come before the start."))
        return cleaned


def _followed_proposal(step, proposal_pk):
    found = {proposal.pk: proposal for proposal in realisation.followed_up(step)}.get(proposal_pk)
    if found is None:
        raise Http404
    return found


@staff_view("gestion.view_projects")
def overview(request, pk):
    step = proposal_step(request, pk)
    context = {"project": step.project, "step": step, "proposals": realisation.followed_up(step)}
    return render(request, "proposals/gestion/realisation.html", context)


@staff_view("gestion.view_projects")
def proposal_progress(request, pk, proposal):
    step = proposal_step(request, pk)
    found = _followed_proposal(step, proposal)
    form = ProgressStepForm(request.POST or None, request.FILES or None,
                            initial={"position": len(found.timeline) + 1})
    if request.method == "POST" and form.is_valid():
        realisation.save_progress(form, found, request.user)
        messages.success(request, _("The progress step is added; the proposal's followers are told."))
        return redirect("gestion:proposals:realisation_proposal", step.pk, found.pk)
    context = {"project": step.project, "step": step, "proposal": found, "form": form}
    return render(request, "proposals/gestion/realisation_proposal.html", context,
                  status=400 if form.errors else 200)


@staff_view("gestion.view_projects")
def progress_edit(request, pk, proposal, item):
    step = proposal_step(request, pk)
    found = _followed_proposal(step, proposal)
    progress = get_object_or_404(ProgressStep, proposal=found, pk=item)
    form = ProgressStepForm(request.POST or None, request.FILES or None, instance=progress)
    if request.method == "POST" and form.is_valid():
        realisation.save_progress(form, found, request.user)
        messages.success(request, _("“%(name)s” is saved.") % {"name": progress.title})
        return redirect("gestion:proposals:realisation_proposal", step.pk, found.pk)
    context = {"project": step.project, "step": step, "proposal": found, "form": form, "item": progress}
    return render(request, "proposals/gestion/progress_edit.html", context, status=400 if form.errors else 200)


@require_POST
@staff_view("gestion.view_projects")
def progress_delete(request, pk, proposal, item):
    step = proposal_step(request, pk)
    found = _followed_proposal(step, proposal)
    progress = get_object_or_404(ProgressStep, proposal=found, pk=item)
    progress.delete()
    messages.success(request, _("“%(name)s” is deleted.") % {"name": progress.title})
    return redirect("gestion:proposals:realisation_proposal", step.pk, found.pk)
