"""The public "Suivi des réalisations" page of a step: its followed proposals, where each one stands."""

from django.shortcuts import render

from participe.modules.proposals import realisation
from participe.modules.proposals.views.common import step_or_404
from participe.projects.views import step_page_context


def page(request, step_id):
    step = step_or_404(request, step_id)
    context = step_page_context(request, step)
    context["followed"] = realisation.followed_up(step, request.user)
    return render(request, "proposals/realisation.html", context)
