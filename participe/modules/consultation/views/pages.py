"""Reading pages of a consultation: the plan, a section, an article (opinion), an amendment, what changed."""

from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from participe.core.pagecache import cached_page, store_page, visitor_key
from participe.modules.consultation import queries
from participe.modules.consultation.diff import diff_stats, render_diff
from participe.modules.consultation.forms import AnswerForm
from participe.modules.consultation.models import Amendment, AnswerStatus, Consultation, Opinion, Side
from participe.votes.services import annotate_my_votes

PUBLIC_PAGE_TTL = 30


def argument_columns(arguments_for, arguments_against):
    return [(Side.FOR.value, arguments_for, _("For")), (Side.AGAINST.value, arguments_against, _("Against"))]


def sort_choices():
    return [
        ("votes", _("Most voted")), ("agreed", _("Most agreed")), ("controversial", _("Most controversial")),
        ("newest", _("Newest")), ("oldest", _("Oldest")), ("random", _("Random")),
    ]


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
        "sorts": sort_choices(), "statuses": AnswerStatus.choices[1:],
        "can_propose": section.allows_opinions and consultation.step.allows("contribute"),
    })


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
        "step": step, "state": step.state(), "amendments": amendments, "sort": sort, "sorts": sort_choices(),
        "arguments_for": arguments_for, "arguments_against": arguments_against,
        "sources": queries.sources_of(opinion, request.GET.get("sources")),
        "can_answer": request.user.has_perm("consultation.answer", step),
        "answer_form": AnswerForm(initial={"answer_status": opinion.answer_status, "official_answer": opinion.official_answer}),
        "columns": argument_columns(arguments_for, arguments_against), "csrf_token": token,
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
        "columns": argument_columns(arguments_for, arguments_against),
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
