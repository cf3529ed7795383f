"""Aggregated answer counts: kept in each reply's transaction, summed by the results pages.

`record(reply, definition, +1)` when a reply is submitted, `-1` before an edit or a deletion
(and `+1` again after the edit). Results then cost two queries whatever the number of replies.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import F, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from participe.core.sql import add_to_counters
from participe.forms import majority_judgment
from participe.forms.models import AnswerStat, ReplyCount
from participe.translations import lookup as translations

TOP_WORDS = 20



def _keyers(definition):
    """Per question id (as stored): (question id, its type's stat_keys, question) — looked up once per form."""
    cached = getattr(definition, "_stat_keyers", None)
    if cached is None:
        cached = {
            str(q.pk): (q.pk, q.question_type.stat_keys, q) for q in definition.all_questions if q.question_type.is_input
        }
        definition._stat_keyers = cached
    return cached


def stat_rows(answers, definition):
    """(question id, key) pairs counted for one reply's answers."""
    keyers = _keyers(definition)
    rows = []
    for question_id, stored in (answers or {}).items():
        keyer = keyers.get(question_id)
        if keyer is None or stored is None:
            continue
        pk, keys_of, question = keyer
        rows.extend([(pk, key[:120]) for key in keys_of(stored, question)])
    return rows


def record(reply, definition, sign):
    """Add (sign=+1) or take away (sign=-1) one submitted reply from the counts. Call inside its transaction."""
    day = timezone.localdate(reply.submitted_at or timezone.now())
    segment = reply.segment or ""
    # Sorted so concurrent transactions lock the counter rows in the same order (no deadlock).
    rows = sorted(set(stat_rows(reply.answers, definition)))
    instance_id = reply.instance_id
    add_to_counters(
        ReplyCount, [{"form": reply.form_id, "segment": segment, "day": day, "count": sign}],
        unique=("form", "segment", "day"), counter="count", instance_id=instance_id,
    )
    add_to_counters(
        AnswerStat, [{"question": q, "key": key, "segment": segment, "day": day, "count": sign} for q, key in rows],
        unique=("question", "key", "segment", "day"), counter="count", instance_id=instance_id,
    )


def rebuild(definition, replies):
    """Recount a form from scratch (after an import, or to repair): streams the replies once."""
    buckets, counts = defaultdict(Counter), Counter()
    for segment, submitted_at, answers in replies.values_list("segment", "submitted_at", "answers").iterator(
        chunk_size=2000
    ):
        day = timezone.localdate(submitted_at)
        counts[(segment, day)] += 1
        buckets[(segment, day)].update(set(stat_rows(answers, definition)))
    AnswerStat.objects.filter(question__form=definition.form).delete()
    ReplyCount.objects.filter(form=definition.form).delete()
    ReplyCount.objects.bulk_create(
        ReplyCount(form=definition.form, segment=s, day=d, count=n) for (s, d), n in counts.items()
    )
    AnswerStat.objects.bulk_create(
        (
            AnswerStat(question_id=q, key=k, segment=s, day=d, count=n)
            for (s, d), bucket in buckets.items()
            for (q, k), n in bucket.items()
        ),
        batch_size=5000,
    )


# Results -------------------------------------------------------------------------------


@dataclass
class Filters:
    segment: str | None = None
    since: object = None
    until: object = None

    def apply(self, queryset):
        if self.segment is not None:
            queryset = queryset.filter(segment=self.segment)
        if self.since:
            queryset = queryset.filter(day__gte=self.since)
        if self.until:
            queryset = queryset.filter(day__lte=self.until)
        return queryset


@dataclass
class Bar:
    label: str
    count: int
    percent: float
    extra: dict = field(default_factory=dict)
    suppressed: bool = False  # fewer answers than public statistics may show: "< k", no percentage


@dataclass
class QuestionResult:
    question: object
    answered: int
    replies: int
    bars: list = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    words: list = field(default_factory=list)
    ranking: list = field(default_factory=list)
    judgment: list = field(default_factory=list)
    grade_labels: list = field(default_factory=list)

    @property
    def kind(self):
        return self.question.type


def results(definition, filters=None, include_private=False, cache_seconds=0, min_count=0):
    """Per-question results of the submitted replies, from the aggregated counts (three queries).

    With `cache_seconds`, the counts are shared by every visitor for that long (a popular results
    page then costs the database nothing between two refreshes). With `min_count` (public pages:
    settings.PUBLIC_STATS_MIN_COUNT), what fewer people answered is not shown as it is: words used by
    fewer are left out, smaller counts read "< k", and a number question's smallest and largest
    answers (each one person's) are left out.
    """
    filters = filters or Filters()
    if cache_seconds:
        key = f"forms:results:{definition.form.pk}:{filters.segment}:{filters.since}:{filters.until}"
        replies, counts = cache.get_or_set(key, lambda: _counts(definition, filters), cache_seconds)
    else:
        replies, counts = _counts(definition, filters)
    out = []
    labels = _choice_labels(definition)
    for question in definition.all_questions:
        if not question.question_type.is_input or (question.private and not include_private):
            continue
        keys = counts.get(question.pk, {})
        result = QuestionResult(question=question, answered=keys.get("", 0), replies=replies)
        summarise(result, keys, labels)
        if min_count:
            suppress_small_counts(result, min_count)
        out.append(result)
    return replies, out


def _counts(definition, filters):
    replies = filters.apply(ReplyCount.objects.filter(form=definition.form)).aggregate(n=Sum("count"))["n"] or 0
    counts = defaultdict(dict)
    stats = filters.apply(AnswerStat.objects.filter(question__form=definition.form))
    rows = stats.exclude(key__startswith="w:").values_list("question_id", "key").annotate(n=Sum("count"))
    for question_id, key, n in rows:
        if n:
            counts[question_id][key] = n
    # Texts may use tens of thousands of distinct words: the database keeps only each question's top ones.
    words = (
        stats.filter(key__startswith="w:")
        .values("question_id", "key")
        .annotate(n=Sum("count"))
        .annotate(rank=Window(RowNumber(), partition_by=F("question_id"), order_by=[F("n").desc(), F("key").asc()]))
        .filter(rank__lte=TOP_WORDS)
        .values_list("question_id", "key", "n")
    )
    for question_id, key, n in words:
        if n:
            counts[question_id][key] = n
    return replies, dict(counts)


def _choice_labels(definition):
    """{choice pk: its label in the page's language}; {} in the instance's default language (no query)."""
    if not translations.needs_translation():
        return {}
    choices = translations.prefetch(
        [choice for question in definition.all_questions if question.question_type.has_choices
         for choice in question.choice_list]
    )
    return {choice.pk: translations.text(choice, "label") for choice in choices}


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def summarise(result, keys, choice_labels=None):
    """Fill `result` from the question's counted `keys`; choices are named by `choice_labels` ({pk: label}) when
    given (the page's language), else by their own label."""
    choice_labels = choice_labels or {}
    question = result.question
    kind = question.type
    answered = result.answered
    if kind in ("single_choice", "multiple_choice"):
        for choice in question.choice_list:
            n = keys.get(str(choice.pk), 0)
            result.bars.append(Bar(choice_labels.get(choice.pk, choice.label), n, _percent(n, answered)))
    elif kind == "number":
        histogram = {Decimal(k[2:]): n for k, n in keys.items() if k.startswith("n:")}
        if histogram:
            values = sorted(histogram)
            total = sum(histogram.values())
            mean = sum(v * n for v, n in histogram.items()) / total
            expanded_median = _weighted_median(values, histogram, total)
            result.summary = {"mean": round(mean, 2), "median": expanded_median, "min": values[0], "max": values[-1]}
    elif kind in ("short_text", "long_text", "rich_text"):
        words = sorted(((k[2:], n) for k, n in keys.items() if k.startswith("w:")), key=lambda item: (-item[1], item[0]))
        result.words = [Bar(word, n, _percent(n, answered)) for word, n in words[:TOP_WORDS]]
    elif kind == "ranking":
        size = len(question.choice_list)
        for choice in question.choice_list:
            by_rank = [keys.get(f"{choice.pk}:{r}", 0) for r in range(1, size + 1)]
            # Borda count: first place earns as many points as there are choices, last place one.
            score = sum((size - r) * n for r, n in enumerate(by_rank))
            result.ranking.append({"label": choice_labels.get(choice.pk, choice.label), "by_rank": by_rank, "score": score})
        result.ranking.sort(key=lambda row: -row["score"])
    elif kind == "majority_judgment":
        labels = question.question_type.grade_labels(question)
        levels = len(labels)
        profiles = {c.pk: [keys.get(f"{c.pk}:{g}", 0) for g in range(levels)] for c in question.choice_list}
        names = {c.pk: choice_labels.get(c.pk, c.label) for c in question.choice_list}
        result.grade_labels = labels  # best first
        for position, pk in enumerate(majority_judgment.rank(profiles), start=1):
            profile = profiles[pk]
            total = sum(profile)
            grade = majority_judgment.majority_grade(profile)
            result.judgment.append(
                {
                    "rank": position,
                    "label": names[pk],
                    "grade": labels[levels - 1 - grade] if grade is not None else "",
                    # Best grade first, like the labels.
                    "profile": [Bar(labels[levels - 1 - g], profile[g], _percent(profile[g], total)) for g in reversed(range(levels))],
                }
            )
    return result


def suppress_small_counts(result, min_count):
    result.words = [bar for bar in result.words if bar.count >= min_count]
    for bar in result.bars:
        if 0 < bar.count < min_count:
            bar.count, bar.percent, bar.suppressed = None, None, True
    for row in result.ranking:
        row["by_rank"] = [n if n == 0 or n >= min_count else None for n in row["by_rank"]]
    if result.summary:
        result.summary = (
            {"mean": result.summary["mean"], "median": result.summary["median"]} if result.answered >= min_count else {}
        )


def _weighted_median(values, histogram, total):
    middle = (total - 1) / 2
    seen = 0
    low = high = None
    for value in values:
        seen += histogram[value]
        if low is None and seen > int(middle):
            low = value
        if seen > int(middle + 0.5):
            high = value
            break
    return statistics.mean([low, high]) if low != high else low
