"""Submitting, editing and deleting a proposal; similar proposals while typing a title."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.core.params import id_param
from participe.core.ratelimit import over_limit
from participe.forms.engine import build_django_form
from participe.forms.models import Form
from participe.modules.proposals.forms import ProposalForm
from participe.modules.proposals.services import delete_proposal, save_proposal, similar_proposals
from participe.modules.proposals.step_settings import collect_settings
from participe.modules.proposals.views.common import map_context, proposal_or_404, step_or_404
from participe.participation import gate
from participe.projects.requirements import pending_post
from participe.projects.views import step_page_context


def custom_questions(step, data=None, files=None, proposal=None):
    """The step's custom questions (a form of the form engine), or None when it has none."""
    form_id = collect_settings(step).proposal_form_id
    if not form_id:
        return None
    owner = Form.objects.filter(pk=form_id).first()
    if owner is None:
        return None
    answers = proposal.reply.answers if proposal is not None and proposal.reply_id else None
    return build_django_form(owner.definition(), data=data, files=files, answers=answers, prefix="custom")


def _valid(form, questions):
    valid = form.is_valid()
    return (questions is None or questions.is_valid()) and valid


def _render_form(request, step, form, proposal=None, similar=None, status=200, questions=None):
    context = step_page_context(request, step)
    context.update({"form": form, "proposal": proposal, "similar": similar, "questions": questions, **map_context()})
    return render(request, "proposals/form.html", context, status=status)


def create(request, step_id):
    step = step_or_404(request, step_id)
    if step.type != "collect":
        raise Http404
    decision = gate.check(request.user, "contribute", step, next_url=request.get_full_path())
    if not decision:
        if decision.reason == gate.Reason.STEP_NOT_OPEN:
            messages.error(request, _("Proposals can no longer be submitted in this step."))
            return redirect("proposals:list", step.pk)
        return gate.refuse(request, decision, back=reverse("proposals:list", args=[step.pk]))
    data = pending_post(request) if request.method == "GET" else request.POST
    if request.method == "GET" and data is None:
        return _render_form(request, step, ProposalForm(step=step), questions=custom_questions(step))
    form = ProposalForm(data, request.FILES or None, step=step)
    questions = custom_questions(step, data, request.FILES or None)
    if "check_similar" in data:
        # Without JavaScript: the "check for similar proposals" button re-renders the form with matches.
        return _render_form(request, step, form.__class__(data, step=step), similar=similar_proposals(step, data.get("title", "")))
    if over_limit(request, "proposal-submit", request.user.pk):
        form.is_valid()
        form.add_error(None, _("You have submitted many proposals in a short time. Please wait a little."))
        return _render_form(request, step, form, status=429, questions=questions)
    if not _valid(form, questions):
        return _render_form(request, step, form, status=400, questions=questions)
    proposal = save_proposal(form, request.user, draft="save_draft" in data, questions=questions)
    if "save_draft" in data:
        messages.success(request, _("Your draft is saved. Only you can see it."))
    else:
        messages.success(request, _("Thank you, your proposal is published."))
    return redirect(proposal.get_absolute_url())


@login_required
def edit(request, pk):
    proposal = proposal_or_404(request, pk)
    if not proposal.editable_by_author(request.user):
        return HttpResponseForbidden(_("This proposal can no longer be changed."))
    step = proposal.step
    if request.method == "GET":
        return _render_form(
            request, step, ProposalForm(instance=proposal, step=step), proposal,
            questions=custom_questions(step, proposal=proposal),
        )
    form = ProposalForm(request.POST, request.FILES or None, instance=proposal, step=step)
    questions = custom_questions(step, request.POST, request.FILES or None, proposal=proposal)
    if not _valid(form, questions):
        return _render_form(request, step, form, proposal, status=400, questions=questions)
    save_proposal(
        form, request.user, draft="save_draft" in request.POST and proposal.status == "draft", questions=questions
    )
    messages.success(request, _("Your proposal is saved."))
    return redirect(proposal.get_absolute_url())


@login_required
@require_POST
def delete(request, pk):
    proposal = proposal_or_404(request, pk)
    if not proposal.editable_by_author(request.user):
        return HttpResponseForbidden(_("This proposal can no longer be deleted."))
    delete_proposal(proposal)
    messages.success(request, _("Your proposal is deleted."))
    return redirect("proposals:list", proposal.step_id)


def similar(request, step_id):
    """GET ?title=…[&exclude=id]: similar proposals as JSON (for the form's JavaScript)."""
    step = step_or_404(request, step_id)
    matches = similar_proposals(
        step, request.GET.get("title", "")[:200], exclude_pk=id_param(request.GET, "exclude")
    )
    return JsonResponse(
        {"results": [{"id": pk, "title": title, "url": f"/proposals/{pk}/"} for _score, pk, title in matches]}
    )
