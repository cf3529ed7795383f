"""The queries the pages need, each a constant number of SQL queries whatever the size of the text."""

import random

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from participe.core.prepared import Prepared
from participe.core.recent import RecentValues
from participe.instances.scoping import current_instance
from participe.modules.consultation.models import (
    Amendment,
    Argument,
    Consultation,
    Opinion,
    Section,
    Side,
    Source,
)
from participe.modules.consultation.scores import SORTS
from participe.participation.access import project_visible
from participe.projects.models import Step

PAGE_SIZE = 20


class CountedPaginator(Paginator):
    """A paginator told its count by a kept counter, so a page costs one query, not two."""

    def __init__(self, object_list, per_page, known_count):
        super().__init__(object_list, per_page)
        self._known_count = known_count

    @property
    def count(self):
        return self._known_count


def page_of(queryset, number, known_count=None, per_page=PAGE_SIZE, step=None):
    paginator = Paginator(queryset, per_page) if known_count is None else CountedPaginator(queryset, per_page, known_count)
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)
    if step is not None:
        for row in page.object_list:
            row.step = step  # every row of a page shares the step the page already loaded: no query per vote widget
    return page


def visible_project_or_404(user, step):
    """Http404 unless `user` may see the step's project (no query when the project is loaded and public)."""
    if not project_visible(user, step):
        from django.http import Http404

        raise Http404


def visitor_seed(request):
    """A number fixed per visitor (kept in the session), for a random order that stays put across pages."""
    seed = request.session.get("consultation_seed")
    if seed is None:
        seed = random.randint(1, 1_000_000)  # noqa: S311 - an ordering, not a secret
        request.session["consultation_seed"] = seed
    return seed


def chosen_sort(request, default="votes"):
    sort = request.GET.get("sort", default)
    return sort if sort in SORTS else default


def section_or_404(pk):
    return get_object_or_404(Section.objects.select_related("consultation__step__project"), pk=pk)


def opinion_or_404(pk):
    opinion = get_object_or_404(
        Opinion.objects.shown().select_related("section", "consultation__step__project", "author"), pk=pk
    )
    opinion.step = opinion.consultation.step
    return opinion


PUBLIC_VISIBILITIES = ("public", "unlisted")
_STAMP_FIELDS = (
    "updated_at", "status", "votes_total", "votes_agree", "votes_mitigated", "votes_disagree", "amendments_count",
    "arguments_for_count", "arguments_against_count", "sources_count", "answer_status",
    "consultation__step__starts_at", "consultation__step__ends_at", "consultation__step__is_enabled",
)


def _opinion_stamp_query(pk):
    return (
        Opinion.objects.shown()
        .filter(pk=pk, consultation__step__project__is_published=True,
                consultation__step__project__visibility__in=PUBLIC_VISIBILITIES)
        .values_list(*_STAMP_FIELDS)
        .order_by()[:1]  # no ordering: the model's default one joins the section
    )


_opinion_stamp = Prepared(_opinion_stamp_query, "pk")


# Anonymous article pages and plans are shared pages, cached anyway: the row their key is made of may be
# two seconds old (core/recent.py), so that a hit costs no database round trip.
_recent_stamps = RecentValues(seconds=2)


def _remembered(kind, pk, load):
    instance = current_instance()
    if instance is None:
        return load(pk)  # the prepared lookup refuses to run outside an instance
    return _recent_stamps.get((kind, instance.pk, pk), lambda: load(pk))


def public_opinion_stamp(pk):
    """What an anonymous visitor's article page depends on, in one narrow query (remembered two seconds);
    None when the article is not shown or its project is not public (never served from the cache)."""
    return _remembered("opinion", pk, _opinion_stamp_now)


def _opinion_stamp_now(pk):
    rows = _opinion_stamp.rows(pk=pk)
    if not rows:
        return None
    *counters, starts_at, ends_at, is_enabled = rows[0]
    return (*counters, is_enabled, Step(starts_at=starts_at, ends_at=ends_at).state())


def _plan_stamp_query(pk):
    return (
        Consultation.objects.filter(pk=pk, step__project__is_published=True,
                                    step__project__visibility__in=PUBLIC_VISIBILITIES)
        .values_list("opinions_count", "amendments_count", "arguments_count", "sources_count", "step__votes_count",
                     "step__contributions_count", "step__starts_at", "step__ends_at", "step__is_enabled")
        .order_by()[:1]
    )


_plan_stamp = Prepared(_plan_stamp_query, "pk")


def public_plan_stamp(pk):
    """What an anonymous visitor's plan depends on (the text's and its step's kept counters, the step's
    dates), in one narrow query (remembered two seconds); None when the project is not public."""
    return _remembered("plan", pk, _plan_stamp_now)


def _plan_stamp_now(pk):
    rows = _plan_stamp.rows(pk=pk)
    if not rows:
        return None
    *counters, starts_at, ends_at, is_enabled = rows[0]
    return (*counters, is_enabled, Step(starts_at=starts_at, ends_at=ends_at).state())


def amendment_or_404(pk):
    amendment = get_object_or_404(
        Amendment.objects.shown().select_related("opinion__section", "opinion__consultation__step__project", "author"), pk=pk
    )
    amendment.step = amendment.opinion.step = amendment.opinion.consultation.step
    return amendment


def plan(consultation):
    """Every section of the text, in reading order, and the institution's articles: two queries."""
    sections = list(Section.objects.filter(consultation=consultation).order_by("path"))
    articles = {}
    for article in Opinion.objects.published().filter(consultation=consultation, is_official=True).only(
        "pk", "title", "section_id", "votes_total", "amendments_count"
    ).order_by("position", "pk"):
        articles.setdefault(article.section_id, []).append(article)
    for section in sections:
        section.articles = articles.get(section.pk, [])
    return sections


def section_contributions(section, kind, status, sort, seed, page_number):
    if kind == "amendments":
        queryset = Amendment.objects.shown().filter(opinion__section=section).select_related("author", "opinion__section")
        known = section.amendments_count if not status else None
    else:
        queryset = Opinion.objects.shown().filter(section=section).select_related("author", "section")
        known = section.opinions_count if not status else None
    if status:
        queryset = queryset.filter(answer_status="" if status == "none" else status)
    return page_of(queryset.sorted_by(sort, seed), page_number, known, step=section.consultation.step)


def arguments_of(target, side, page_number=1):
    field = "opinion" if isinstance(target, Opinion) else "amendment"
    known = target.arguments_for_count if side == Side.FOR else target.arguments_against_count
    queryset = Argument.objects.shown().filter(**{field: target, "side": side}).select_related("author").order_by("-votes_total", "-pk")
    return page_of(queryset, page_number, known, step=target.step)


def sources_of(target, page_number=1):
    field = "opinion" if isinstance(target, Opinion) else "amendment"
    queryset = Source.objects.shown().filter(**{field: target}).select_related("author")
    return page_of(queryset, page_number, target.sources_count)


def amendments_of(opinion, sort, seed, page_number=1):
    queryset = Amendment.objects.shown().filter(opinion=opinion).select_related("author", "opinion__section").sorted_by(sort, seed)
    return page_of(queryset, page_number, opinion.amendments_count, per_page=10, step=opinion.step)


def ranking(consultations, limit, threshold):
    """Top opinions and amendments by agree minus disagree; equal scores share a rank ("1, 2, 2, 4")."""
    from django.db.models import F

    score = F("votes_agree") - F("votes_disagree")
    rows = []
    for model, filters in (
        (Opinion, {"consultation__in": consultations}),
        (Amendment, {"opinion__consultation__in": consultations}),
    ):
        queryset = model.objects.published().filter(votes_total__gte=threshold, **filters).annotate(score=score)
        rows += list(queryset.select_related("author").order_by("-score", "-votes_total", "pk")[: limit * 2 + 10])
    rows.sort(key=lambda r: (-r.score, -r.votes_total))
    if len(rows) > limit:
        cutoff = rows[limit - 1].score
        rows = [r for r in rows[:limit]] + [r for r in rows[limit:] if r.score == cutoff]
    ranked, previous, rank = [], None, 0
    for index, row in enumerate(rows, start=1):
        if row.score != previous:
            rank, previous = index, row.score
        row.rank = rank
        ranked.append(row)
    return ranked
