"""The analysis workflow: a step's proposals with their analysis, assigned and given a status in bulk; and the
analysts' own list (an analyst sees only what is assigned to them)."""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participe.core.params import int_param
from participe.gestion.access import staff_view
from participe.modules.proposals.gestion import services
from participe.modules.proposals.gestion.forms import (
    AssignForm,
    DecisionForm,
    ProposalChoiceForm,
    StatusChangeForm,
)
from participe.modules.proposals.gestion.views.common import proposal_step
from participe.modules.proposals.models import AnalysisState, Proposal, Selection
from participe.participation.models import Status
from participe.projects.models import Step

PAGE_SIZE = 50


def step_proposals(step):
    """The proposals of `step` (written in a collect step, moved into a selection step), with their status there."""
    proposals = Proposal.objects.exclude(status=Status.DELETED)
    if step.type == "selection":
        status = Selection.objects.filter(step=step, proposal=OuterRef("pk")).values("status__name")[:1]
        return proposals.filter(selections__step=step).annotate(step_status=Subquery(status))
    return proposals.filter(step=step)


def _listed(step, request):
    proposals = step_proposals(step).select_related(
        "author", "category", "district", "supervisor", "decision_maker"
    ).prefetch_related("analysts")
    state = request.GET.get("state")
    if state in AnalysisState.values:
        proposals = proposals.filter(analysis_state=state)
    return proposals.order_by("pk")


def _selection_steps(step):
    return Step.objects.filter(project_id=step.project_id, type="selection").order_by("position", "pk")


class MoveForm(ProposalChoiceForm):
    pass


def _forms(request, step, data=None):
    choices = step_proposals(step)
    forms = {
        "assign": AssignForm(data if data and data.get("action") == "assign" else None, proposals=choices),
        "decide": DecisionForm(data if data and data.get("action") == "decide" else None, proposals=choices),
    }
    if step.type == "selection":
        forms["status"] = StatusChangeForm(
            data if data and data.get("action") == "status" else None, proposals=choices, step=step
        )
    return forms


@staff_view("gestion.view_projects")
def proposals(request, pk):
    step = proposal_step(request, pk)
    data = request.POST if request.method == "POST" else None
    action = data.get("action") if data else None
    forms = _forms(request, step, data)
    targets = list(_selection_steps(step)) if step.type == "collect" else []
    if data is not None:
        if action not in (*forms, "move"):
            raise BadRequest
        done = _move(request, step, targets) if action == "move" else _apply(request, step, action, forms[action])
        if done:
            return redirect(request.get_full_path())
    page = Paginator(_listed(step, request), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": step.project, "step": step, "page": page, "query": query.urlencode(), "forms": forms,
        "targets": targets, "states": AnalysisState.choices, "state": request.GET.get("state", ""),
        "picked": set(map(str, data.getlist("proposals"))) if data else set(),
        "can_analyse": request.user.has_perm("gestion.analyse"),
        "errors": [error for form in forms.values() for error in form.errors.get("proposals", [])]
        + [error for form in forms.values() for error in form.non_field_errors()],
    }
    return render(request, "proposals/gestion/proposals.html", context, status=400 if data else 200)


def _apply(request, step, action, form):
    if not form.is_valid():
        return False
    data = form.cleaned_data
    chosen = list(data["proposals"].select_related("instance", "step"))
    if action == "assign":
        services.assign(chosen, analysts=list(data["analysts"]), supervisor=data["supervisor"],
                        decision_maker=data["decision_maker"], by=request.user)
        messages.success(request, ngettext("%(n)s proposal is assigned; the people chosen are told by e-mail.",
                                           "%(n)s proposals are assigned; the people chosen are told by e-mail.",
                                           len(chosen)) % {"n": len(chosen)})
    elif action == "decide":
        services.decide(chosen, decision=data["decision"], official_answer=data["official_answer"],
                        publish_at=data["publish_at"], by=request.user)
        messages.success(request, ngettext("The decision on %(n)s proposal is recorded.",
                                           "The decision on %(n)s proposals is recorded.", len(chosen))
                         % {"n": len(chosen)})
    else:
        changed = services.change_status(step, chosen, data["status"], by=request.user)
        messages.success(request, ngettext("The status of %(n)s proposal is changed.",
                                           "The status of %(n)s proposals is changed.", changed) % {"n": changed})
    return True


def _move(request, step, targets):
    form = MoveForm(request.POST, proposals=step_proposals(step))
    target_id = int_param(request.POST, "target", strict=True)
    target = next((candidate for candidate in targets if candidate.pk == target_id), None)
    if target is None:
        messages.error(request, _("Choose the selection step to move the proposals into."))
        return False
    if not form.is_valid():
        messages.error(request, _("Tick at least one proposal."))
        return False
    chosen = list(form.cleaned_data["proposals"])
    services.move_into(target, chosen, by=request.user)
    messages.success(request, ngettext("%(n)s proposal is moved into “%(step)s”.",
                                       "%(n)s proposals are moved into “%(step)s”.", len(chosen))
                     % {"n": len(chosen), "step": target.title})
    return True


@staff_view("gestion.analyse")
def analysis(request):
    """Every proposal to analyse for an administrator (by step), only those assigned to them for an analyst."""
    user = request.user
    proposals = Proposal.objects.exclude(status=Status.DELETED)
    if not (user.is_instance_admin or user.is_superuser):
        proposals = proposals.assigned_to(user)
    step_id = int_param(request.GET, "step")
    if step_id:
        proposals = proposals.filter(step_id=step_id)
    state = request.GET.get("state")
    if state in AnalysisState.values:
        proposals = proposals.filter(analysis_state=state)
    proposals = proposals.select_related("step__project", "supervisor", "decision_maker").order_by(
        "analysis_state", "pk"
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "query": query.urlencode(), "states": AnalysisState.choices, "state": state or ""}
    return render(request, "proposals/gestion/analysis.html", context)
