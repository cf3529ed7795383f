"""Votation pages: the ballot (by account, invitation link or code), the receipt, results and the receipt check."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from participe.core.ratelimit import client_ip, over_limit
from participe.forms.engine import answers_from, build_django_form
from participe.modules.votations import services
from participe.modules.votations.models import Votation
from participe.participation import gate
from participe.projects.models import Project
from participe.projects.registry import StepState


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Your identification code"), max_length=40)


def _get_votation(request, pk):
    votation = get_object_or_404(Votation.objects.select_related("step__project", "form"), pk=pk)
    if not Project.objects.visible_to(request.user).filter(pk=votation.step.project_id).exists():
        raise Http404
    if not votation.step.is_enabled and not request.user.has_perm("votations.manage", votation):
        raise Http404
    return votation


def step_page(request, step):
    """The view the projects app calls for a votation step (registered in apps.py)."""
    return _detail(request, get_object_or_404(Votation.objects.select_related("step__project", "form"), step=step))


def detail(request, pk):
    return _detail(request, _get_votation(request, pk))


def _detail(request, votation, ballot_form=None, code_form=None, status=200):
    state = votation.state
    context = {"votation": votation, "step": votation.step, "state": state}
    if state == StepState.CLOSED and votation.results_published:
        # Nothing of the count is public before the organisers publish it (they review it in /gestion/).
        context["results"] = services.results_for_display(votation)
    elif state == StepState.OPEN:
        context.update(_ballot_context(request, votation, ballot_form, code_form))
    return render(request, "votations/detail.html", context, status=status)


def _ballot_context(request, votation, ballot_form, code_form):
    electorate = votation.electorate
    if electorate == Votation.Electorate.LIST:
        return {"notice": _("Use the personal link of your invitation e-mail to vote.")}
    if electorate == Votation.Electorate.ACCOUNTS:
        if not request.user.is_authenticated:
            return {"notice": _("Log in to vote."), "login": True}
        if services.has_voted(votation, request.user):
            return {"notice": _("You have voted. Thank you.")}
        if not services.account_may_vote(votation, request.user):
            return {"notice": _("Your account is not in the electorate of this votation.")}
    return {
        "ballot_form": ballot_form or build_django_form(votation.form.definition()),
        "code_form": (code_form or CodeForm()) if electorate == Votation.Electorate.CODES else None,
    }


@never_cache
@sensitive_post_parameters()  # an error report never shows the choices next to the voter's session
@require_http_methods(["GET", "POST"])
def vote(request, pk, token=None):
    votation = _get_votation(request, pk)
    if request.method == "GET" and token is None:
        return redirect("votations:detail", pk=votation.pk)
    if not gate.step_allows(votation.step, "vote"):
        messages.error(request, _("This votation is not open."))
        return redirect("votations:detail", pk=votation.pk)
    elector = None
    if token is not None:
        if votation.electorate != Votation.Electorate.LIST:
            raise Http404
        elector = services.elector_by_invitation(votation, token)
        if elector is None:
            raise Http404
        if request.method == "GET":
            return _invitation_page(request, votation, elector)
    who = f"user:{request.user.pk}" if request.user.is_authenticated else f"ip:{client_ip(request)}"
    if over_limit(request, "votation-ballot", who):
        messages.error(request, _("Too many attempts: please wait a few minutes."))
        return redirect("votations:detail", pk=votation.pk)

    ballot_form = build_django_form(votation.form.definition(), data=request.POST)
    code_form = CodeForm(request.POST) if votation.electorate == Votation.Electorate.CODES else None
    if votation.electorate == Votation.Electorate.CODES and code_form.is_valid():
        elector = services.elector_by_code(votation, code_form.cleaned_data["code"])
        if elector is None:
            code_form.add_error("code", _("This code is not valid for this votation."))
    valid = ballot_form.is_valid() and (code_form is None or code_form.is_valid())
    if not valid:
        if token is not None:
            return _invitation_page(request, votation, elector, ballot_form, status=200)
        return _detail(request, votation, ballot_form, code_form)
    account = request.user if votation.electorate == Votation.Electorate.ACCOUNTS else None
    if account is not None and not services.account_may_vote(votation, request.user):
        raise Http404
    try:
        receipt = services.cast_ballot(votation, _ballot_answers(ballot_form), account=account, elector=elector)
    except services.AlreadyVoted:
        messages.error(request, _("A ballot has already been cast for this elector."))
        return redirect("votations:detail", pk=votation.pk)
    except services.VotationClosed:
        messages.error(request, _("This votation is not open."))
        return redirect("votations:detail", pk=votation.pk)
    address = account.email if account is not None else (elector.email if elector is not None else "")
    services.email_confirmation(votation, address)
    # Rendered, not redirected: the receipt is never stored in the session, a mail or anywhere tied to the voter.
    return render(request, "votations/receipt.html", {"votation": votation, "step": votation.step, "receipt": receipt})


def _ballot_answers(ballot_form):
    return {key: value for key, value in answers_from(ballot_form).items() if value is not None}


def _invitation_page(request, votation, elector, ballot_form=None, status=200):
    context = {"votation": votation, "step": votation.step, "state": votation.state}
    if elector.has_voted:
        context["notice"] = _("A ballot has already been cast with this invitation.")
    else:
        context["ballot_form"] = ballot_form or build_django_form(votation.form.definition())
    return render(request, "votations/detail.html", context, status=status)


def ballots(request, pk):
    """After the close, a voter checks that their receipt code is in the box. Only its presence is shown:
    a code that showed its choices would let a voter prove their vote to whoever pays or pressures them."""
    votation = _get_votation(request, pk)
    if not votation.is_closed:
        raise Http404
    receipt = (request.GET.get("receipt") or "").strip()[:40]
    found = services.receipt_in_box(votation, receipt) if receipt else None
    return render(
        request,
        "votations/ballots.html",
        {"votation": votation, "step": votation.step, "receipt": receipt, "found": found,
         "ballots": services.ballots_cast(votation)},
    )
