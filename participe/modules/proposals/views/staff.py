"""Staff tools of a vote step: paper votes per proposal and votes recorded by a mediator."""

import uuid

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from participe.accounts.models import User
from participe.core.params import parse_ids, parse_int
from participe.modules.proposals import ballots
from participe.modules.proposals.forms import MediatedVoteForm
from participe.modules.proposals.models import PaperCount
from participe.modules.proposals.selection import proposals_of_step
from participe.modules.proposals.step_settings import vote_settings
from participe.modules.proposals.views.common import is_staff_of, step_or_404
from participe.projects.views import step_page_context

MAX_PAPER_VOTES = 2**31 - 1  # PositiveIntegerField


def paper_votes(request, step_id):
    step = step_or_404(request, step_id)
    if not is_staff_of(request.user, step):
        return HttpResponseForbidden(_("This page is for the project's staff."))
    proposals = list(proposals_of_step(step).order_by("title"))
    counts = dict(PaperCount.objects.filter(step=step).values_list("proposal_id", "votes"))
    errors = {}
    if request.method == "POST":
        values = {}
        for proposal in proposals:
            raw = request.POST.get(f"paper_{proposal.pk}", "").strip() or "0"
            number = parse_int(raw, maximum=MAX_PAPER_VOTES)
            if number is None:
                errors[proposal.pk] = _("Enter a whole number of votes (0 or more).")
            else:
                values[proposal.pk] = number
        if not errors:
            with transaction.atomic():
                for proposal in proposals:
                    PaperCount.objects.update_or_create(
                        step=step, proposal=proposal,
                        defaults={"votes": values[proposal.pk], "entered_by": request.user, "instance_id": step.instance_id},
                    )
            messages.success(request, _("The paper votes are saved."))
            return redirect("proposals:paper", step.pk)
        counts = {pk: request.POST.get(f"paper_{pk}", "") for pk in (p.pk for p in proposals)}
    for proposal in proposals:
        proposal.paper = counts.get(proposal.pk, 0)
        proposal.paper_error = errors.get(proposal.pk)
    context = step_page_context(request, step)
    context.update({"proposals": proposals, "errors": errors})
    return render(request, "proposals/paper.html", context, status=400 if errors else 200)


def mediated_vote(request, step_id):
    """A mediator records the ballot of a person without a computer, with their consent."""
    step = step_or_404(request, step_id)
    settings = vote_settings(step)
    if not (request.user.is_authenticated and (request.user.is_mediator or request.user.is_instance_admin)):
        return HttpResponseForbidden(_("This page is for mediators."))
    proposals = list(proposals_of_step(step).select_related("district").order_by("title")[:1000])
    form = MediatedVoteForm(request.POST or None)
    chosen = parse_ids(request.POST.getlist("proposals"))
    error = None
    if request.method == "POST" and form.is_valid():
        if not settings.uses_ballots:
            error = _("This step has no ballot.")
        elif not chosen:
            error = _("Choose at least one proposal.")
        else:
            try:
                with transaction.atomic():
                    person = User.objects.create_user(
                        f"mediated-{uuid.uuid4().hex}@mediated.invalid", None,
                        instance=request.instance, display_name=form.cleaned_data["display_name"],
                        zip_code=form.cleaned_data["zip_code"], email_confirmed_at=timezone.now(),
                    )
                    consent = form.cleaned_data["consent_details"]
                    by_pk = {p.pk: p for p in proposals}
                    for pk in chosen:
                        ballots.add(person, step, by_pk[pk], mediated_by=request.user, consent=consent)
            except (ballots.BallotRefused, KeyError) as refusal:
                error = str(refusal) if isinstance(refusal, ballots.BallotRefused) else _("Unknown proposal.")
            else:
                messages.success(request, _("The vote of %(name)s is recorded.") % {"name": person.display_name})
                return redirect("proposals:mediate", step.pk)
    context = step_page_context(request, step)
    context.update({"form": form, "proposals": proposals, "chosen": chosen, "error": error, "vote": settings})
    return render(request, "proposals/mediate.html", context, status=400 if request.method == "POST" else 200)
