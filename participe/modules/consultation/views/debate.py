"""A debate step: the for/against page, its arguments, and the anonymous vote confirmed by e-mail."""

from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.core.links import absolute_url
from participe.core.mail import send_email
from participe.core.ratelimit import client_ip, over_limit
from participe.modules.consultation import queries, services
from participe.modules.consultation.forms import AnonymousVoteForm, ArgumentForm
from participe.modules.consultation.models import AnonymousDebateVote, Debate, DebateArgument, Side
from participe.modules.consultation.views.contributions import posted_or_kept, write_view
from participe.modules.consultation.views.pages import argument_columns
from participe.modules.consultation.views.responses import invalid, refuse, wants_json
from participe.participation import gate
from participe.votes.services import annotate_my_votes

SIGNING_SALT = "consultation.anonymous-vote"


def debate_page(request, pk):
    debate = get_object_or_404(Debate.objects.select_related("step__project"), pk=pk)
    queries.visible_project_or_404(request.user, debate.step)
    arguments = {}
    for side in (Side.FOR, Side.AGAINST):
        queryset = DebateArgument.objects.shown().filter(debate=debate, side=side).select_related("author").order_by("-votes_total", "-pk")
        known = debate.arguments_for_count if side == Side.FOR else debate.arguments_against_count
        arguments[side] = queries.page_of(queryset, request.GET.get(side), known, step=debate.step)
    annotate_my_votes(request.user, [debate])
    annotate_my_votes(request.user, arguments[Side.FOR].object_list + arguments[Side.AGAINST].object_list)
    total = debate.total_for + debate.total_against
    return render(request, "consultation/debate.html", {
        "debate": debate, "step": debate.step, "state": debate.step.state(), "open": debate.step.allows("vote"),
        "arguments_for": arguments[Side.FOR], "arguments_against": arguments[Side.AGAINST],
        "total": total, "share_for": round(100 * debate.total_for / total) if total else 0,
        "share_against": round(100 * debate.total_against / total) if total else 0,
        "columns": argument_columns(arguments[Side.FOR], arguments[Side.AGAINST]),
        "argue_url": reverse("consultation:debate_argue", args=[debate.pk]), "anonymous_form": AnonymousVoteForm(),
    })


def debate_argue(request, pk):
    debate = get_object_or_404(Debate.objects.select_related("step__project"), pk=pk)
    form = ArgumentForm(posted_or_kept(request), initial={"side": request.GET.get("side", Side.FOR)})
    return write_view(
        request, "consultation/argue.html", form, {"target": debate, "step": debate.step},
        lambda data: services.submit_debate_argument(request.user, debate, data["side"], data["body"]),
        _("Your argument is published."),
    )


@require_POST
def debate_anonymous_vote(request, pk):
    debate = get_object_or_404(Debate.objects.select_related("step__project"), pk=pk, allows_anonymous_votes=True)
    queries.visible_project_or_404(request.user, debate.step)
    decision = gate.check(request.user, "vote", debate, step=debate.step, anonymous=True)
    if not decision:
        try:
            services.check_step_allows(debate.step, "vote")  # its words say when the step opens, or that it closed
        except services.StepClosed as refusal:
            return refuse(request, refusal.args[0])
        return refuse(request, decision.message)
    if over_limit(request, "debate-anonymous-vote", f"ip:{client_ip(request)}"):
        return refuse(request, _("Too many votes from this connection: please wait a few minutes."), status=429)
    form = AnonymousVoteForm(request.POST)
    if not form.is_valid():
        return invalid(request, "consultation/anonymous_vote.html", {"form": form, "debate": debate, "step": debate.step})
    email, side = form.cleaned_data["email"].lower(), form.cleaned_data["side"]
    token = signing.dumps({"d": debate.pk, "e": email, "s": side}, salt=SIGNING_SALT)
    link = absolute_url(request.instance, f"/consultation/debate/{debate.pk}/confirm/{token}/")
    send_email(request.instance, email, "consultation_anonymous_vote", {"debate": debate, "link": link, "side": Side(side).label})
    if wants_json(request):
        return JsonResponse({"status": "sent"}, status=202)
    messages.info(request, _("Check your inbox: your vote counts once you open the link we sent."))
    return redirect(debate.get_absolute_url())


def debate_confirm(request, pk, token):
    debate = get_object_or_404(Debate.objects.select_related("step"), pk=pk, allows_anonymous_votes=True)
    try:
        data = signing.loads(token, salt=SIGNING_SALT, max_age=7 * 24 * 3600)
    except signing.BadSignature:
        return refuse(request, _("This link is invalid or has expired."), status=400)
    if data.get("d") != debate.pk:
        raise Http404
    if request.method != "POST":
        # A link opened by a mail scanner must not vote: the visitor confirms with a button.
        return render(request, "consultation/anonymous_confirm.html", {"debate": debate, "side": Side(data["s"]).label})
    try:
        services.check_step_allows(debate.step, "vote")
    except services.StepClosed as refusal:
        return refuse(request, refusal.args[0])
    counter = "anonymous_for" if data["s"] == Side.FOR else "anonymous_against"
    try:
        with transaction.atomic():
            AnonymousDebateVote.objects.create(debate=debate, email=data["e"], side=data["s"], confirmed_at=timezone.now())
            Debate.objects.filter(pk=debate.pk).update(**{counter: F(counter) + 1})
    except IntegrityError:
        messages.info(request, _("This address has already voted in this debate."))
    else:
        messages.success(request, _("Thank you: your vote is counted."))
    return redirect(debate.get_absolute_url())
