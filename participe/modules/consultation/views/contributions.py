"""Writing in a consultation: opinions, amendments, arguments, sources, and the organisers' official answers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.core.ratelimit import over_limit
from participe.modules.consultation import queries, services
from participe.modules.consultation.forms import (
    AmendmentForm,
    AnswerForm,
    ArgumentForm,
    OpinionForm,
    SourceForm,
)
from participe.modules.consultation.models import Side
from participe.modules.consultation.views.responses import created, invalid, refuse, wants_json
from participe.participation import gate
from participe.projects.requirements import pending_post


def posted_or_kept(request):
    """The posted form, or what the visitor posted before logging in or completing the requirements (once)."""
    return request.POST or (pending_post(request) if request.method == "GET" else None) or None


def check_writer(request, step):
    """None when `request.user` may write in `step` now, else the refusal response (the participation gate's)."""
    action = "contribute" if step.type == "consultation" else "argue"
    decision = gate.check(request.user, action, step, next_url=request.get_full_path())
    if not decision:
        if decision.reason == gate.Reason.STEP_NOT_OPEN:
            try:
                services.check_step_allows(step, action)  # its words say when the step opens, or that it closed
            except services.StepClosed as refusal:
                return refuse(request, refusal.args[0])
        if decision.link or decision.reason == gate.Reason.NOT_FOUND:
            return gate.refuse(request, decision)  # log in or complete the requirements, the form kept
        return refuse(request, decision.message)
    if over_limit(request, "consultation-write", f"user:{request.user.pk}"):
        return refuse(request, _("You have written a lot in a short time: please wait a few minutes."), status=429)
    return None


def write_view(request, template, form, context, on_valid, success_message):
    step = context["step"]
    queries.visible_project_or_404(request.user, step)
    if request.method == "POST":
        refusal = check_writer(request, step)
        if refusal:
            return refusal
        if form.is_valid():
            try:
                obj = on_valid(form.cleaned_data)
            except PermissionDenied as refusal:
                return refuse(request, refusal.args[0] if refusal.args else _("This action is not available."))
            return created(request, obj, success_message)
        return invalid(request, template, {**context, "form": form})
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.get_full_path()}")
    return render(request, template, {**context, "form": form})


def propose(request, pk):
    section = queries.section_or_404(pk)
    form = OpinionForm(posted_or_kept(request))
    return write_view(
        request, "consultation/propose.html", form,
        {"section": section, "step": section.consultation.step, "consultation": section.consultation},
        lambda data: services.submit_opinion(request.user, section, data["title"], data["body"]),
        _("Your proposal is published."),
    )


def amend(request, pk):
    opinion = queries.opinion_or_404(pk)
    form = AmendmentForm(posted_or_kept(request), current_body=opinion.body)
    return write_view(
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
    form = ArgumentForm(posted_or_kept(request), initial={"side": request.GET.get("side", Side.FOR)})
    return write_view(
        request, "consultation/argue.html", form,
        {"target": target, "opinion": opinion, "step": opinion.consultation.step, "consultation": opinion.consultation},
        lambda data: services.submit_argument(request.user, target, data["side"], data["body"]),
        _("Your argument is published."),
    )


def add_source(request, kind, pk):
    target, opinion = _target(kind, pk)
    form = SourceForm(posted_or_kept(request), request.FILES or None)
    return write_view(
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
        return refuse(request, _("Only the administrators of this project can answer."))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return refuse(request, _("Choose a decision from the list."), status=400)
    services.answer(target, request.user, form.cleaned_data["answer_status"], form.cleaned_data["official_answer"])
    if wants_json(request):
        return JsonResponse({"id": target.pk, "answer_status": target.answer_status})
    messages.success(request, _("The answer is published."))
    return redirect(target.get_absolute_url())
