"""Official answers to opinions and amendments, and the final text with the amendments the institution retains."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.core.params import int_param
from participe.gestion.access import staff_view
from participe.modules.consultation import editing, services
from participe.modules.consultation.diff import render_diff
from participe.modules.consultation.gestion.document import PERMISSION
from participe.modules.consultation.gestion.forms import AnswerForm
from participe.modules.consultation.gestion.lookups import answerable_or_404, consultation_or_404
from participe.modules.consultation.models import Amendment, AnswerStatus, Argument, Opinion
from participe.participation.models import Status

PER_PAGE = 50
FILTERS = ("waiting", "answered", "all")


def _waiting_first(rows, shown):
    if shown == "waiting":
        return rows.filter(answer_status="", official_answer="")
    if shown == "answered":
        return rows.exclude(answer_status="", official_answer="")
    return rows


@staff_view(PERMISSION)
def answers(request, pk):
    """The participants' opinions, amendments and arguments on the document, those waiting for an answer first."""
    consultation = consultation_or_404(request, pk)
    shown = request.GET.get("show") if request.GET.get("show") in FILTERS else "waiting"
    opinions = _waiting_first(
        Opinion.objects.filter(consultation=consultation, is_official=False, status=Status.PUBLISHED), shown
    ).select_related("author", "section").order_by("-votes_total", "pk")
    amendments = _waiting_first(
        Amendment.objects.filter(opinion__consultation=consultation, status=Status.PUBLISHED), shown
    ).select_related("author", "opinion").order_by("-votes_total", "pk")
    arguments = _waiting_first(
        Argument.objects.filter(Q(opinion__consultation=consultation) | Q(amendment__opinion__consultation=consultation),
                                status=Status.PUBLISHED), shown
    ).select_related("author", "opinion", "amendment").order_by("-votes_total", "pk")
    context = {
        "consultation": consultation, "step": consultation.step, "shown": shown,
        "arguments": Paginator(arguments, PER_PAGE).get_page(int_param(request.GET, "arguments", 1, minimum=1)),
        "opinions": Paginator(opinions, PER_PAGE).get_page(int_param(request.GET, "opinions", 1, minimum=1)),
        "amendments": Paginator(amendments, PER_PAGE).get_page(int_param(request.GET, "amendments", 1, minimum=1)),
    }
    return render(request, "consultation/gestion/answers.html", context)


def _consultation_of(target):
    if isinstance(target, Argument):
        return (target.opinion or target.amendment.opinion).consultation
    return target.consultation if isinstance(target, Opinion) else target.opinion.consultation


@staff_view(PERMISSION)
def answer(request, kind, pk):
    target = answerable_or_404(request, kind, pk)
    consultation = _consultation_of(target)
    form = AnswerForm(request.POST or None, initial={"answer_status": target.answer_status, "official_answer": target.official_answer})
    if request.method == "POST" and form.is_valid():
        services.answer(target, request.user, form.cleaned_data["answer_status"], form.cleaned_data["official_answer"])
        messages.success(request, _("The answer is published and its author is told."))
        back = request.POST.get("next")
        if back == "final":
            article = target.opinion_id if isinstance(target, Amendment) else target.pk
            return redirect(reverse("gestion:consultation:final", args=[consultation.pk]) + f"#article-{article}")
        return redirect("gestion:consultation:answers", consultation.pk)
    context = {"consultation": consultation, "step": consultation.step, "form": form, "target": target, "kind": kind,
               "next": request.GET.get("next", "")}
    return render(request, "consultation/gestion/answer.html", context, status=400 if form.errors else 200)


@staff_view(PERMISSION)
def final(request, pk):
    """Each article: its final text against the one put up, and its amendments to retain or reject."""
    consultation = consultation_or_404(request, pk)
    articles = list(Opinion.objects.filter(consultation=consultation, is_official=True).select_related("section")
                    .order_by("section__path", "position", "pk"))
    amendments = {}
    for row in (Amendment.objects.filter(opinion__in=articles, status=Status.PUBLISHED).select_related("author")
                .order_by("-votes_total", "pk")):
        amendments.setdefault(row.opinion_id, []).append(row)
    for article in articles:
        article.changed = article.body != article.original_body
        article.diff = render_diff(article.original_body, article.body) if article.changed else None
        article.amendment_list = amendments.get(article.pk, [])
        for amendment in article.amendment_list:
            amendment.diff = render_diff(article.original_body, amendment.body)
    context = {"consultation": consultation, "step": consultation.step, "articles": articles,
               "TAKEN": AnswerStatus.TAKEN, "NOT_RETAINED": AnswerStatus.NOT_RETAINED}
    return render(request, "consultation/gestion/final.html", context)


@require_POST
@staff_view(PERMISSION)
def decide(request, pk):
    """Retain or reject an amendment in one click (its author is told); retaining may write it into the final text."""
    amendment = answerable_or_404(request, "amendment", pk)
    decision = request.POST.get("decision")
    if decision not in (AnswerStatus.TAKEN, AnswerStatus.NOT_RETAINED, "apply"):
        messages.error(request, _("Choose to retain or reject the amendment."))
        return redirect("gestion:consultation:final", amendment.opinion.consultation_id)
    if decision == "apply":
        editing.apply_amendment(amendment)
        decision = AnswerStatus.TAKEN
    services.answer(amendment, request.user, decision, amendment.official_answer)
    messages.success(request, _("The decision on the amendment is saved and its author is told."))
    url = reverse("gestion:consultation:final", args=[amendment.opinion.consultation_id])
    return redirect(f"{url}#article-{amendment.opinion_id}")
