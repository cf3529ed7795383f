"""The analysts' side: what I am assigned, evaluation, decision, revision request, merge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from participe.modules.proposals import analysis, custom_answers
from participe.modules.proposals.evaluation_form import (
    evaluation_definition,
    evaluation_questions,
    readable_answers,
)
from participe.modules.proposals.forms import DecisionForm, EvaluationForm, MergeForm, RevisionForm
from participe.modules.proposals.models import Evaluation, Proposal
from participe.modules.proposals.views.common import proposal_or_404

FORM_NAMES = {"evaluate": "evaluation_form", "decide": "decision_form", "revise": "revision_form", "merge": "merge_form"}


@login_required
def dashboard(request):
    if not (request.user.is_analyst or request.user.is_instance_admin):
        return HttpResponseForbidden(_("This page is for analysts."))
    queryset = Proposal.objects.exclude(status="deleted").select_related("step__project", "category", "district")
    if not request.user.is_instance_admin:
        queryset = queryset.assigned_to(request.user)
    return render(request, "proposals/analysis_list.html", {"proposals": queryset.order_by("analysis_state", "pk")[:500]})


def evaluation_forms(request, proposal, definition, evaluating):
    """The analyst's own assessment (built-in fields) and the step's evaluation questions, bound when `evaluating`."""
    data = request.POST if evaluating else None
    mine = Evaluation.objects.filter(proposal=proposal, analyst=request.user).select_related("reply").first()
    initial = {
        "state": mine.state if mine else proposal.analysis_state,
        "revised_cost": mine.revised_cost if mine else proposal.revised_cost,
        "note": mine.note if mine else "",
    }
    return {
        "evaluation_form": EvaluationForm(data, initial=initial),
        "evaluation_questions": evaluation_questions(
            definition, data, request.FILES or None if evaluating else None, evaluation=mine
        ),
    }


def _forms(request, proposal, definition, which=None):
    data = request.POST if which else None
    return {
        **evaluation_forms(request, proposal, definition, which == "evaluate"),
        "decision_form": DecisionForm(
            data if which == "decide" else None,
            initial={"decision": proposal.decision or "accepted", "official_answer": proposal.official_answer},
        ),
        "revision_form": RevisionForm(data if which == "revise" else None),
        "merge_form": MergeForm(data if which == "merge" else None),
    }


def _valid(forms, which):
    form = forms.get(FORM_NAMES.get(which, ""))
    if form is None:
        return False
    valid = form.is_valid()
    if which == "evaluate" and forms["evaluation_questions"] is not None:
        valid = forms["evaluation_questions"].is_valid() and valid
    return valid


def readable_evaluations(user, proposal, definition):
    """What `user` may read: every evaluation (supervisor, decision maker, admin) or their own; with the answers
    to the step's evaluation form. The back office's proposal page shows the same."""
    evaluations = proposal.evaluations.select_related("analyst", "reply").order_by("pk")
    if not analysis.can_read_evaluations(user, proposal):
        evaluations = evaluations.filter(analyst=user)
    return [(evaluation, readable_answers(definition, evaluation)) for evaluation in evaluations]


@login_required
def proposal_analysis(request, pk):
    proposal = proposal_or_404(request, pk)
    if not analysis.can_analyse(request.user, proposal):
        return HttpResponseForbidden(_("This proposal is not assigned to you."))
    which = request.POST.get("form") if request.method == "POST" else None
    definition = evaluation_definition(proposal.step)
    forms = _forms(request, proposal, definition, which)
    if which:
        if which in ("decide", "merge") and not analysis.can_decide(request.user, proposal):
            return HttpResponseForbidden(_("Only the decision maker may do this."))
        if _valid(forms, which):
            _apply(request, proposal, which, forms)
            return redirect("proposals:analysis", proposal.pk)
    context = {
        "proposal": proposal,
        "evaluations": readable_evaluations(request.user, proposal, definition),
        "answers": custom_answers.readable(proposal, staff=True),
        "can_decide": analysis.can_decide(request.user, proposal),
        **forms,
    }
    return render(request, "proposals/analysis.html", context, status=400 if which else 200)


def _apply(request, proposal, which, forms):
    data = forms[FORM_NAMES[which]].cleaned_data
    if which == "evaluate":
        analysis.evaluate(proposal, request.user, state=data["state"], revised_cost=data["revised_cost"],
                          note=data["note"], questions=forms["evaluation_questions"])
        messages.success(request, _("Your assessment is saved."))
    elif which == "decide":
        analysis.decide(proposal, decision=data["decision"], official_answer=data["official_answer"],
                        publish_at=data["publish_at"])
        messages.success(request, _("The decision is saved."))
    elif which == "revise":
        analysis.ask_revision(proposal, reason=data["reason"], deadline=data["deadline"])
        messages.success(request, _("The author is asked to revise the proposal."))
    elif which == "merge":
        duplicates = list(Proposal.objects.filter(pk__in=data["duplicates"], step=proposal.step).exclude(pk=proposal.pk))
        analysis.merge(duplicates, proposal)
        messages.success(request, _("%(n)s proposals merged into this one.") % {"n": len(duplicates)})
