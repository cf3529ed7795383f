"""The votation's back office: settings, electorate (accounts, an imported list, codes), results, register.

Every page is a step page of a project the organiser manages (`managed_step`). The register says who voted, never
how: nothing here reads the ballot box except the count, and the count shows totals only.
"""

import csv

from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.accounts.models import ParticipantGroup, User
from participe.core.links import absolute_url
from participe.gestion.access import managed_step, staff_view
from participe.modules.votations import services
from participe.modules.votations.gestion import editors
from participe.modules.votations.gestion.forms import (
    ElectorListForm,
    GenerateCodesForm,
    VotationSettingsForm,
    step_group,
    with_group,
)
from participe.modules.votations.models import Elector, Votation
from participe.projects.registry import StepState

PERMISSION = "gestion.view_projects"
PREVIEW_ROWS = 200
PREVIEW_MAX_AGE = 60 * 60


def _votation(request, pk):
    step = managed_step(request, pk, step_type="votation")
    return get_object_or_404(Votation.objects.select_related("step__project", "form"), step=step)


def _render(request, template, votation, page, status=200, **context):
    context = {"votation": votation, "step": votation.step, "project": votation.step.project, "page": page,
               "tabs": editors.pages(votation.step), **context}
    return render(request, f"votations/gestion/{template}", context, status=status)


def _refused_when_frozen(request, votation):
    if votation.is_frozen:
        messages.error(request, _("The votation is open or closed: its electorate can no longer change."))
        return redirect("gestion:votations:electorate", votation.step_id)
    return None


# Settings ---------------------------------------------------------------------------


@staff_view(PERMISSION)
def settings(request, pk):
    votation = _votation(request, pk)
    form = VotationSettingsForm(votation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        _save_settings(request, votation, form)
        messages.success(request, _("The settings of the votation are saved."))
        return redirect("gestion:votations:settings", votation.step_id)
    return _render(request, "settings.html", votation, "settings", status=400 if form.errors else 200, form=form)


def _save_settings(request, votation, form):
    data, step = form.cleaned_data, votation.step
    with transaction.atomic():
        step.starts_at, step.ends_at = data["starts_at"], data["ends_at"]
        group = data.get("group")
        if not votation.is_frozen:
            step.requirements = with_group(step.requirements, group.pk if group else None)
            votation.electorate = data["electorate"]
        step.save(update_fields=["starts_at", "ends_at", "requirements"])
        votation.email_receipt = data["email_receipt"]
        votation.save(update_fields=["electorate", "email_receipt"])
        changes = {name: str(data.get(name)) for name in form.changed_data}
        if changes:
            services.audit(votation, request.user, "changed", **changes)


# Electorate -------------------------------------------------------------------------


@staff_view(PERMISSION)
def electorate(request, pk):
    votation = _votation(request, pk)
    if request.method == "POST":
        return _preview_list(request, votation)
    return _electorate_page(request, votation)


def _electorate_page(request, votation, list_form=None, codes_form=None, status=200):
    kind = votation.electorate
    registered = Elector.objects.filter(votation=votation)
    context = {
        "registered": registered.count(),
        "voted": registered.filter(has_voted=True).count(),
        "list_form": (list_form or ElectorListForm()) if kind == Votation.Electorate.LIST else None,
        "codes_form": (codes_form or GenerateCodesForm()) if kind == Votation.Electorate.CODES else None,
    }
    if kind == Votation.Electorate.ACCOUNTS:
        group_id = step_group(votation.step)
        context["group"] = ParticipantGroup.objects.filter(pk=group_id).first() if group_id else None
        context["eligible"] = services.eligible_accounts_count(votation)
    return _render(request, "electorate.html", votation, "electorate", status=status, **context)


def _preview_list(request, votation):
    refused = _refused_when_frozen(request, votation)
    if refused or votation.electorate != Votation.Electorate.LIST:
        return refused or redirect("gestion:votations:electorate", votation.step_id)
    form = ElectorListForm(request.POST, request.FILES)
    if not form.is_valid():
        return _electorate_page(request, votation, list_form=form, status=400)
    people = form.cleaned_data["list"]
    if people.errors:
        # Nothing is imported from a list with wrong lines: the organiser fixes the file and uploads it again.
        return _render(request, "electors_preview.html", votation, "electorate", status=400, list=people)
    emails = [person.email for person in people.people]
    on_register = set(Elector.objects.filter(votation=votation, email__in=emails).values_list("email", flat=True))
    with_account = {email.lower() for email in User.objects.filter(email__in=emails).values_list("email", flat=True)}
    rows = [p for p in people.people if p.email not in on_register]
    payload = signing.dumps([(p.email, p.name) for p in rows], salt=_salt(request, votation), compress=True)
    return _render(
        request, "electors_preview.html", votation, "electorate", list=people, rows=rows[:PREVIEW_ROWS],
        new=len(rows), more=max(len(rows) - PREVIEW_ROWS, 0), on_register=len(on_register),
        with_account=with_account, accounts=sum(p.email in with_account for p in rows), payload=payload,
    )


def _salt(request, votation):
    return f"votation-electors:{votation.pk}:{request.user.pk}"


@require_POST
@staff_view(PERMISSION)
def import_list(request, pk):
    votation = _votation(request, pk)
    refused = _refused_when_frozen(request, votation)
    if refused:
        return refused
    try:
        people = signing.loads(request.POST.get("payload", ""), salt=_salt(request, votation), max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, _("This preview has expired or was altered: upload the list again."))
        return _electorate_page(request, votation, status=400)

    def link(token):
        return absolute_url(request.instance, reverse("votations:invitation", args=[votation.pk, token]))

    added = services.import_list(votation, people, request.user, link)
    messages.success(request, _("%(count)d electors added; each is sent a personal invitation link.") % {"count": added})
    return redirect("gestion:votations:electorate", votation.step_id)


@require_POST
@staff_view(PERMISSION)
def empty_register(request, pk):
    votation = _votation(request, pk)
    refused = _refused_when_frozen(request, votation)
    if refused:
        return refused
    with transaction.atomic():
        removed, _rows = Elector.objects.filter(votation=votation).delete()
        services.audit(votation, request.user, "register_emptied", count=removed)
    messages.success(request, _("The register is empty: the invitation links and codes sent so far no longer work."))
    return redirect("gestion:votations:electorate", votation.step_id)


@require_POST
@staff_view(PERMISSION)
def codes(request, pk):
    votation = _votation(request, pk)
    refused = _refused_when_frozen(request, votation)
    if refused or votation.electorate != Votation.Electorate.CODES:
        return refused or redirect("gestion:votations:electorate", votation.step_id)
    form = GenerateCodesForm(request.POST)
    if not form.is_valid():
        return _electorate_page(request, votation, codes_form=form, status=400)
    generated = services.generate_codes(votation, form.cleaned_data["count"], request.user)
    # Shown once: only their digests are kept, so the response must not be stored anywhere either.
    if form.cleaned_data["format"] == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="codes-votation-{votation.pk}.csv"'
        writer = csv.writer(response)
        writer.writerow([_("Identification code"), _("Where to vote")])
        address = absolute_url(request.instance, votation.get_absolute_url())
        writer.writerows([code, address] for code in generated)
    else:
        response = render(request, "votations/gestion/codes_print.html", {
            "votation": votation, "step": votation.step, "codes": generated,
            "address": absolute_url(request.instance, votation.get_absolute_url()),
        })
    response["Cache-Control"] = "no-store"
    return response


# Results ----------------------------------------------------------------------------


@staff_view(PERMISSION)
def results(request, pk):
    votation = _votation(request, pk)
    # A GET shows what is counted and never counts: the count is the button's (or the worker's) job.
    shown = services.results_for_display(votation) if votation.results is not None else None
    return _render(
        request, "results.html", votation, "results", results=shown, closed=votation.is_closed,
        voters=Elector.objects.filter(votation=votation, has_voted=True).count(),
    )


@require_POST
@staff_view(PERMISSION)
def count(request, pk):
    votation = _votation(request, pk)
    if services.compute_results(votation) is None:
        messages.error(request, _("The ballots are counted once the vote is closed."))
    else:
        messages.success(request, _("The ballots are counted: review the results, then publish them."))
    return redirect("gestion:votations:results", votation.step_id)


@require_POST
@staff_view(PERMISSION)
def publish(request, pk):
    votation = _votation(request, pk)
    if services.publish_results(votation, request.user):
        messages.success(request, _("The results are published on the votation's page."))
    else:
        messages.error(request, _("Count the ballots before publishing the results."))
    return redirect("gestion:votations:results", votation.step_id)


# Register ---------------------------------------------------------------------------


@staff_view(PERMISSION)
def register(request, pk):
    votation = _votation(request, pk)
    rows = Elector.objects.filter(votation=votation).select_related("account").order_by("pk")
    voted = request.GET.get("voted")
    if voted in ("yes", "no"):
        rows = rows.filter(has_voted=voted == "yes")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return _render(request, "register.html", votation, "register", rows=page, voted=voted, open=votation.state == StepState.OPEN)
