"""Public pages of consultations, debates and rankings; every form works without JavaScript.

POST views answer with a redirect (plain forms) or JSON when the request asks for it
(`Accept: application/json`), with the same checks in both cases.
"""


from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from participe.core.mail import send_email
from participe.core.pagecache import cached_page, store_page, visitor_key
from participe.core.ratelimit import client_ip, over_limit
from participe.exports.jobs import start_export
from participe.exports.responses import csv_response
from participe.modules.consultation import queries, services
from participe.modules.consultation.diff import diff_stats, render_diff
from participe.modules.consultation.exports import ConsultationExporter
from participe.modules.consultation.forms import (
    AmendmentForm,
    AnonymousVoteForm,
    AnswerForm,
    ArgumentForm,
    OpinionForm,
    SourceForm,
)
from participe.modules.consultation.models import (
    Amendment,
    AnonymousDebateVote,
    AnswerStatus,
    Consultation,
    Debate,
    DebateArgument,
    Opinion,
    Side,
)
from participe.projects.models import Step
from participe.votes.services import annotate_my_votes

WRITE_RATE = "30/h"
SIGNING_SALT = "consultation.anonymous-vote"


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _refuse(request, message, status=403):
    if wants_json(request):
        return JsonResponse({"error": str(message)}, status=status)
    return render(request, "consultation/refused.html", {"message": message}, status=status)


def _check_writer(request, step):
    """None when `request.user` may write in `step` now, else the refusal response."""
    if not request.user.is_authenticated:
        if wants_json(request):
            return JsonResponse({"error": _("Log in to take part.")}, status=401)
        return redirect(f"/accounts/login/?next={request.get_full_path()}")
    if not request.user.has_perm("consultation.contribute"):
        return _refuse(request, _("Your account cannot take part."))
    try:
        services.check_step_allows(step, "contribute" if step.type == "consultation" else "argue")
    except services.StepClosed as refusal:
        return _refuse(request, refusal.args[0])
    if over_limit(request, "consultation-write", f"user:{request.user.pk}", WRITE_RATE):
        return _refuse(request, _("You have written a lot in a short time: please wait a few minutes."), status=429)
    return None


def _created(request, obj, message):
    if wants_json(request):
        return JsonResponse({"id": obj.pk, "url": obj.get_absolute_url()}, status=201)
    messages.success(request, message)
    return redirect(obj.get_absolute_url())


def _invalid(request, template, context):
    if wants_json(request):
        return JsonResponse({"errors": context["form"].errors.get_json_data()}, status=400)
    return render(request, template, context, status=400)


# Step pages --------------------------------------------------------------------------------------

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


def plan(request, pk):
    # Visitors share one rendering per state of the counters (a vote or a contribution shows at once).
    stamp = queries.public_plan_stamp(pk) if not request.user.is_authenticated else None
    key = visitor_key(request, "consultation-plan", pk, stamp) if stamp is not None else None
    if cached := cached_page(request, key):
        return cached
    consultation = get_object_or_404(Consultation.objects.select_related("step__project"), pk=pk)
    queries.visible_project_or_404(request.user, consultation.step)
    step = consultation.step
    token = get_token(request)
    response = render(request, "consultation/plan.html", {
        "consultation": consultation, "step": step, "project": step.project, "state": step.state(),
        "sections": queries.plan(consultation), "csrf_token": token,
        "can_manage": request.user.has_perm("consultation.manage", step),
    })
    return store_page(key, response, token, PUBLIC_PAGE_TTL)


def section(request, pk):
    section = queries.section_or_404(pk)
    consultation = section.consultation
    queries.visible_project_or_404(request.user, consultation.step)
    kind = "amendments" if request.GET.get("type") == "amendments" else "opinions"
    status = request.GET.get("status", "")
    if status not in ("none", AnswerStatus.TAKEN, AnswerStatus.NOT_RETAINED):
        status = ""
    sort = queries.chosen_sort(request)
    seed = queries.visitor_seed(request) if sort == "random" else 0
    page = queries.section_contributions(section, kind, status, sort, seed, request.GET.get("page"))
    if section.vote_widget != "none":
        annotate_my_votes(request.user, page.object_list)
    return render(request, "consultation/section.html", {
        "section": section, "consultation": consultation, "step": consultation.step, "state": consultation.step.state(),
        "page": page, "sort": sort, "kind": kind, "status": status,
        "sorts": _sort_choices(), "statuses": AnswerStatus.choices[1:],
        "can_propose": section.allows_opinions and consultation.step.allows("contribute"),
    })


def _argument_columns(arguments_for, arguments_against):
    return [(Side.FOR.value, arguments_for, _("For")), (Side.AGAINST.value, arguments_against, _("Against"))]


def _sort_choices():
    return [
        ("votes", _("Most voted")), ("agreed", _("Most agreed")), ("controversial", _("Most controversial")),
        ("newest", _("Newest")), ("oldest", _("Oldest")), ("random", _("Random")),
    ]


PUBLIC_PAGE_TTL = 30


def _public_page_key(request, pk):
    """Cache key of an article page as anonymous visitors see it, or None when it must be rendered.

    Every counter shown on the page is part of the key, so a vote, an amendment or an argument
    shows at once; the only staleness is the "useful" count of arguments, for PUBLIC_PAGE_TTL seconds.
    A hit costs one narrow query and one cache read: no model is built, no template rendered.
    """
    if request.user.is_authenticated or queries.chosen_sort(request) == "random":
        return None  # a random order is each visitor's own
    stamp = queries.public_opinion_stamp(pk)
    return visitor_key(request, "consultation-article", pk, stamp) if stamp is not None else None


def opinion(request, pk):
    key = _public_page_key(request, pk)
    if cached := cached_page(request, key):
        return cached
    opinion = queries.opinion_or_404(pk)
    step = opinion.consultation.step
    queries.visible_project_or_404(request.user, step)
    token = get_token(request)
    return store_page(key, _render_opinion(request, opinion, step, token), token, PUBLIC_PAGE_TTL)


def _render_opinion(request, opinion, step, token):
    sort = queries.chosen_sort(request)
    seed = queries.visitor_seed(request) if sort == "random" else 0
    amendments = queries.amendments_of(opinion, sort, seed, request.GET.get("amendments"))
    arguments_for = queries.arguments_of(opinion, Side.FOR, request.GET.get("for"))
    arguments_against = queries.arguments_of(opinion, Side.AGAINST, request.GET.get("against"))
    annotate_my_votes(request.user, [opinion])
    annotate_my_votes(request.user, amendments.object_list)
    annotate_my_votes(request.user, arguments_for.object_list + arguments_against.object_list)
    return render(request, "consultation/opinion.html", {
        "opinion": opinion, "target": opinion, "section": opinion.section, "consultation": opinion.consultation,
        "step": step, "state": step.state(), "amendments": amendments, "sort": sort, "sorts": _sort_choices(),
        "arguments_for": arguments_for, "arguments_against": arguments_against,
        "sources": queries.sources_of(opinion, request.GET.get("sources")),
        "can_answer": request.user.has_perm("consultation.answer", step),
        "answer_form": AnswerForm(initial={"answer_status": opinion.answer_status, "official_answer": opinion.official_answer}),
        "columns": _argument_columns(arguments_for, arguments_against), "csrf_token": token,
        "argue_url": reverse("consultation:argue", args=["opinion", opinion.pk]), "open": step.allows("contribute"),
    })


def amendment(request, pk):
    amendment = queries.amendment_or_404(pk)
    opinion = amendment.opinion
    step = opinion.consultation.step
    queries.visible_project_or_404(request.user, step)
    arguments_for = queries.arguments_of(amendment, Side.FOR, request.GET.get("for"))
    arguments_against = queries.arguments_of(amendment, Side.AGAINST, request.GET.get("against"))
    annotate_my_votes(request.user, [amendment])
    annotate_my_votes(request.user, arguments_for.object_list + arguments_against.object_list)
    added, removed = diff_stats(opinion.body, amendment.body)
    return render(request, "consultation/amendment.html", {
        "amendment": amendment, "target": amendment, "opinion": opinion, "section": opinion.section,
        "consultation": opinion.consultation, "step": step, "state": step.state(),
        "diff": render_diff(opinion.body, amendment.body), "added": added, "removed": removed,
        "arguments_for": arguments_for, "arguments_against": arguments_against,
        "sources": queries.sources_of(amendment, request.GET.get("sources")),
        "can_answer": request.user.has_perm("consultation.answer", step),
        "answer_form": AnswerForm(initial={"answer_status": amendment.answer_status, "official_answer": amendment.official_answer}),
        "columns": _argument_columns(arguments_for, arguments_against),
        "argue_url": reverse("consultation:argue", args=["amendment", amendment.pk]), "open": step.allows("contribute"),
    })


def changes(request, pk):
    """What changed: the final text of each article against its original, with the retained amendments."""
    consultation = get_object_or_404(Consultation.objects.select_related("step__project"), pk=pk)
    queries.visible_project_or_404(request.user, consultation.step)
    articles = list(Opinion.objects.published().filter(consultation=consultation, is_official=True).select_related("section").order_by("section__path", "position", "pk"))
    retained = {}
    for row in Amendment.objects.published().filter(opinion__in=articles, answer_status=AnswerStatus.TAKEN).select_related("author"):
        retained.setdefault(row.opinion_id, []).append(row)
    for article in articles:
        article.changed = article.body != article.original_body
        article.diff = render_diff(article.original_body, article.body) if article.changed else None
        article.retained = retained.get(article.pk, [])
    return render(request, "consultation/changes.html", {"consultation": consultation, "step": consultation.step, "articles": articles})


# Writing -----------------------------------------------------------------------------------------

def _write_view(request, template, form, context, on_valid, success_message):
    step = context["step"]
    queries.visible_project_or_404(request.user, step)
    if request.method == "POST":
        refusal = _check_writer(request, step)
        if refusal:
            return refusal
        if form.is_valid():
            try:
                obj = on_valid(form.cleaned_data)
            except PermissionDenied as refusal:
                return _refuse(request, refusal.args[0] if refusal.args else _("This action is not available."))
            return _created(request, obj, success_message)
        return _invalid(request, template, {**context, "form": form})
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.get_full_path()}")
    return render(request, template, {**context, "form": form})


def propose(request, pk):
    section = queries.section_or_404(pk)
    form = OpinionForm(request.POST or None)
    return _write_view(
        request, "consultation/propose.html", form,
        {"section": section, "step": section.consultation.step, "consultation": section.consultation},
        lambda data: services.submit_opinion(request.user, section, data["title"], data["body"]),
        _("Your proposal is published."),
    )


def amend(request, pk):
    opinion = queries.opinion_or_404(pk)
    form = AmendmentForm(request.POST or None, current_body=opinion.body)
    return _write_view(
        request, "consultation/amend.html", form,
        {"opinion": opinion, "section": opinion.section, "step": opinion.consultation.step, "consultation": opinion.consultation},
        lambda data: services.submit_amendment(request.user, opinion, data["title"], data["body"], data["explanation"]),
        _("Your amendment is published."),
    )


def _target(kind, pk):
    if kind == "opinion":
        target = queries.opinion_or_404(pk)
        return target, target
    if kind == "amendment":
        target = queries.amendment_or_404(pk)
        return target, target.opinion
    raise Http404


def argue(request, kind, pk):
    target, opinion = _target(kind, pk)
    form = ArgumentForm(request.POST or None, initial={"side": request.GET.get("side", Side.FOR)})
    return _write_view(
        request, "consultation/argue.html", form,
        {"target": target, "opinion": opinion, "step": opinion.consultation.step, "consultation": opinion.consultation},
        lambda data: services.submit_argument(request.user, target, data["side"], data["body"]),
        _("Your argument is published."),
    )


def add_source(request, kind, pk):
    target, opinion = _target(kind, pk)
    form = SourceForm(request.POST or None, request.FILES or None)
    return _write_view(
        request, "consultation/source.html", form,
        {"target": target, "opinion": opinion, "step": opinion.consultation.step, "consultation": opinion.consultation},
        lambda data: services.submit_source(
            request.user, target, data["title"], data["category"], data["link"], data.get("file"), data["description"]
        ),
        _("Your source is published."),
    )


@require_POST
def answer(request, kind, pk):
    target, opinion = _target(kind, pk)
    step = opinion.consultation.step
    if not request.user.has_perm("consultation.answer", step):
        return _refuse(request, _("Only the administrators of this project can answer."))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _refuse(request, _("Choose a decision from the list."), status=400)
    services.answer(target, request.user, form.cleaned_data["answer_status"], form.cleaned_data["official_answer"])
    if wants_json(request):
        return JsonResponse({"id": target.pk, "answer_status": target.answer_status})
    messages.success(request, _("The answer is published."))
    return redirect(target.get_absolute_url())


# Exports -----------------------------------------------------------------------------------------

def _exportable(request, pk):
    consultation = get_object_or_404(Consultation.objects.select_related("step__project"), pk=pk)
    if not request.user.has_perm("consultation.export", consultation.step):
        raise PermissionDenied
    return consultation


@require_GET
def export_csv(request, pk):
    """Streamed row by row: the whole set is never in memory."""
    consultation = _exportable(request, pk)
    return csv_response(request, ConsultationExporter(consultation), f"consultation-{consultation.pk}")


@require_POST
def export_xlsx(request, pk):
    """The workbook is written by a background job (write-only, constant memory); its page links to the file."""
    consultation = _exportable(request, pk)
    job = start_export(
        request.user,
        "participe.modules.consultation.exports.ConsultationExporter",
        {"consultation_id": consultation.pk},
        "xlsx",
        title=_("Contributions to “%(title)s” (XLSX)") % {"title": consultation.title},
    )
    return redirect(job)


# Debate ------------------------------------------------------------------------------------------

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
        "columns": _argument_columns(arguments[Side.FOR], arguments[Side.AGAINST]),
        "argue_url": reverse("consultation:debate_argue", args=[debate.pk]), "anonymous_form": AnonymousVoteForm(),
    })


def debate_argue(request, pk):
    debate = get_object_or_404(Debate.objects.select_related("step__project"), pk=pk)
    form = ArgumentForm(request.POST or None, initial={"side": request.GET.get("side", Side.FOR)})
    return _write_view(
        request, "consultation/argue.html", form, {"target": debate, "step": debate.step},
        lambda data: services.submit_debate_argument(request.user, debate, data["side"], data["body"]),
        _("Your argument is published."),
    )


@require_POST
def debate_anonymous_vote(request, pk):
    debate = get_object_or_404(Debate.objects.select_related("step__project"), pk=pk, allows_anonymous_votes=True)
    queries.visible_project_or_404(request.user, debate.step)
    try:
        services.check_step_allows(debate.step, "vote")
    except services.StepClosed as refusal:
        return _refuse(request, refusal.args[0])
    if over_limit(request, "debate-anonymous-vote", f"ip:{client_ip(request)}", "10/h"):
        return _refuse(request, _("Too many votes from this connection: please wait a few minutes."), status=429)
    form = AnonymousVoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, "consultation/anonymous_vote.html", {"form": form, "debate": debate, "step": debate.step})
    email, side = form.cleaned_data["email"].lower(), form.cleaned_data["side"]
    token = signing.dumps({"d": debate.pk, "e": email, "s": side}, salt=SIGNING_SALT)
    link = request.build_absolute_uri(f"/consultation/debate/{debate.pk}/confirm/{token}/")
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
        return _refuse(request, _("This link is invalid or has expired."), status=400)
    if data.get("d") != debate.pk:
        raise Http404
    if request.method != "POST":
        # A link opened by a mail scanner must not vote: the visitor confirms with a button.
        return render(request, "consultation/anonymous_confirm.html", {"debate": debate, "side": Side(data["s"]).label})
    try:
        services.check_step_allows(debate.step, "vote")
    except services.StepClosed as refusal:
        return _refuse(request, refusal.args[0])
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


# Ranking -----------------------------------------------------------------------------------------

def ranking_page(request, step_id):
    step = get_object_or_404(Step.objects.select_related("project"), pk=step_id, type="ranking")
    queries.visible_project_or_404(request.user, step)
    settings = step.settings or {}
    consultations = Consultation.objects.filter(step_id=settings.get("consultation_step"))
    limit = max(1, min(int(settings.get("limit") or 10), 500))
    rows = queries.ranking(consultations, limit, int(settings.get("threshold") or 0))
    return render(request, "consultation/ranking.html", {"step": step, "rows": rows, "limit": limit})
