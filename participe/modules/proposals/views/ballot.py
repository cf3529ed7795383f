"""Voting with a ballot (limited, budget, ranking): plain forms first, JSON for the enhanced page."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.core.params import parse_id
from participe.core.prepared import Prepared
from participe.core.ratelimit import over_limit
from participe.core.views import too_many_requests
from participe.modules.proposals import ballots
from participe.modules.proposals.ballot_summary import summary
from participe.modules.proposals.models import Proposal
from participe.modules.proposals.selection import proposals_of_step
from participe.modules.proposals.step_settings import vote_settings
from participe.modules.proposals.views.common import step_or_404, wants_json
from participe.participation import gate
from participe.projects.views import step_page_context

# Any proposal of the instance by id, for a removal: built once (participe.core.prepared).
_any_proposal = Prepared(lambda pk: Proposal.objects.filter(pk=pk).order_by()[:1], "pk")


def _back(request, step):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return f"/proposals/step/{step.pk}/"


def _answer(request, step, message, ok, status=200, ballot=None):
    if wants_json(request):
        body = {"ok": ok, "message": message}
        if ballot is not None:
            body.update({"items": ballot.items_count, "spent": str(ballot.total_cost), "counted": ballot.is_counted})
        settings = vote_settings(step)
        if request.user.is_authenticated and settings.uses_ballots and settings.type != "ranking":
            body["ballot"] = summary(request.user, step, settings).as_json()  # the enhanced page's summary
        return JsonResponse(body, status=status)
    if status == 429:
        return too_many_requests(request, message, _back(request, step))
    if status == 400:  # a tampered form: say what was wrong, with the way back
        return render(request, "400.html", {"message": message, "back": _back(request, step)}, status=400)
    (messages.success if ok else messages.error)(request, message)
    return HttpResponseRedirect(_back(request, step))  # a URL, never a view name to reverse


def _refused(request, step):
    """The participation gate's refusal of a ballot change, as this page answers it; None when allowed."""
    decision = gate.check(request.user, "vote", step, next_url=_back(request, step))
    if decision:
        return None
    if decision.link or decision.reason == gate.Reason.NOT_FOUND:
        return gate.refuse(request, decision)  # log in or complete the requirements, then back to the list
    if decision.reason == gate.Reason.STEP_NOT_OPEN:
        return _answer(request, step, _("Voting is not open in this step."), False, 403)
    return _answer(request, step, _("Your account may not vote."), False, 403)


@require_POST
def change(request, step_id):
    """POST proposal=<id> action=add|remove."""
    step = step_or_404(request, step_id)
    settings = vote_settings(step)
    if not settings.uses_ballots:
        raise Http404
    if refused := _refused(request, step):
        return refused
    if over_limit(request, "proposal-ballot", request.user.pk):
        return _answer(request, step, _("Too many changes in a short time. Please wait a minute."), False, 429)
    proposal_id = parse_id(request.POST.get("proposal", ""))
    if proposal_id is None or request.POST.get("action", "add") not in ("add", "remove"):
        return _answer(request, step, _("This proposal does not exist."), False, 400)
    try:
        if request.POST.get("action") == "remove":
            # Any proposal of the instance: one unpublished or merged since can still leave a ballot.
            proposal = _any_proposal.first(pk=proposal_id)
            if proposal is None:
                return _answer(request, step, _("This proposal does not exist."), False, 400)
            result = ballots.remove(request.user, step, proposal)
        else:
            result = ballots.add_by_id(request.user, step, proposal_id)
    except ballots.BallotRefused as refusal:
        return _answer(request, step, str(refusal), False, 409)
    return _answer(request, step, result.message, True, ballot=result.ballot)


@require_POST
def rank(request, step_id):
    """POST rank_1=<id>, rank_2=<id>…: the whole ranking in one form (no JavaScript needed)."""
    step = step_or_404(request, step_id)
    settings = vote_settings(step)
    if settings.type != "ranking":
        raise Http404
    if refused := _refused(request, step):
        return refused
    if over_limit(request, "proposal-ballot", request.user.pk):
        return _answer(request, step, _("Too many changes in a short time. Please wait a minute."), False, 429)
    chosen = []
    for position in range(1, settings.ranking_size + 1):
        value = parse_id(request.POST.get(f"rank_{position}", ""))
        if value is not None:
            chosen.append(value)
    found = {p.pk: p for p in proposals_of_step(step).filter(pk__in=chosen)}
    if len(found) != len(set(chosen)):
        return _answer(request, step, _("One of these proposals is not part of this vote."), False, 400)
    try:
        result = ballots.set_ranking(request.user, step, [found[pk] for pk in chosen])
    except ballots.BallotRefused as refusal:
        return _answer(request, step, str(refusal), False, 409)
    return _answer(request, step, result.message, True, ballot=result.ballot)


def _summary_or_404(request, step):
    settings = vote_settings(step)
    if settings.type not in ("budget", "limited"):
        raise Http404
    return settings, summary(request.user, step, settings)


def review(request, step_id):
    """The review screen: the chosen projects, the total, "Change" and, where the step asks for it, "Confirm my
    vote". A plain page: it works the same with and without JavaScript."""
    step = step_or_404(request, step_id)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    settings, ballot = _summary_or_404(request, step)
    context = step_page_context(request, step)
    context.update({"vote": settings, "ballot": ballot, "can_vote": step.allows("vote")})
    return render(request, "proposals/ballot_review.html", context)


@require_POST
def confirm(request, step_id):
    """POST: confirm the voter's ballot after the review screen; back to the review screen, which says it counts."""
    step = step_or_404(request, step_id)
    settings = vote_settings(step)
    if settings.type != "budget":
        raise Http404
    if refused := _refused(request, step):
        return refused
    if over_limit(request, "proposal-ballot", request.user.pk):
        return _answer(request, step, _("Too many changes in a short time. Please wait a minute."), False, 429)
    back = reverse("proposals:ballot_review", args=[step.pk])
    try:
        ballots.confirm(request.user, step)
    except ballots.BallotRefused as refusal:
        if wants_json(request):
            return JsonResponse({"ok": False, "message": str(refusal)}, status=409)
        messages.error(request, str(refusal))
        return HttpResponseRedirect(back)
    message = _("Your vote is confirmed: it counts.")
    if wants_json(request):
        return JsonResponse({"ok": True, "message": message})
    messages.success(request, message)
    return HttpResponseRedirect(back)
