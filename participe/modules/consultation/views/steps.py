"""The registered view of the three step types, and the ranking step's page."""

from django.shortcuts import get_object_or_404, render

from participe.modules.consultation import queries
from participe.modules.consultation.models import Consultation, Debate
from participe.modules.consultation.views.debate import debate_page
from participe.modules.consultation.views.pages import plan
from participe.projects.models import Step


def step_page(request, step):
    """The registered view of the three step types, for every state (the template says which)."""
    queries.visible_project_or_404(request.user, step)
    if step.type == "debate":
        debate = Debate.objects.filter(step=step).first()
        if debate is None:
            return render(request, "consultation/empty_step.html", {"step": step})
        return debate_page(request, debate.pk)
    if step.type == "ranking":
        return ranking_page(request, step.pk)
    consultations = list(Consultation.objects.filter(step=step))
    if len(consultations) == 1:
        return plan(request, consultations[0].pk)
    return render(request, "consultation/step.html", {"step": step, "consultations": consultations, "state": step.state()})


def step_by_id(request, step_id):
    step = get_object_or_404(Step.objects.select_related("project"), pk=step_id, type__in=["consultation", "debate", "ranking"])
    return step_page(request, step)


def ranking_page(request, step_id):
    step = get_object_or_404(Step.objects.select_related("project"), pk=step_id, type="ranking")
    queries.visible_project_or_404(request.user, step)
    settings = step.settings or {}
    consultations = Consultation.objects.filter(step_id=settings.get("consultation_step"))
    limit = max(1, min(int(settings.get("limit") or 10), 500))
    rows = queries.ranking(consultations, limit, int(settings.get("threshold") or 0))
    return render(request, "consultation/ranking.html", {"step": step, "rows": rows, "limit": limit})
