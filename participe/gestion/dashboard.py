"""What the dashboard shows: the work waiting for me, the open projects, participation over the last 30 days.

Every part is a fixed number of queries, whatever the size of the instance.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.db.models import Count, IntegerField, Q, Value
from django.db.models.functions import TruncDate
from django.utils import timezone

from participe.exports.models import Job, JobStatus
from participe.moderation.models import CaseStatus, ModerationCase
from participe.participation.manifest import modules
from participe.participation.models import Contribution, Status
from participe.projects.models import Project, Step
from participe.votes.models import Vote

CHART_DAYS = 30
SOON_DAYS = 7


def managed_projects(user):
    """The projects `user` manages in the back office: all of them for an instance administrator."""
    if user.has_perm("gestion.add_project"):
        return Project.objects.all()
    return Project.objects.filter(administrators=user)


def reports_waiting():
    return ModerationCase.objects.filter(status=CaseStatus.OPEN).count()


@dataclass(frozen=True)
class Todo:
    label: str
    count: int
    url: str
    sentence: str = ""


def modules_todo(user):
    """The work the modules say is waiting for `user` (their manifests' `gestion_todo`): items of
    (label, count, url) or (label, count, url, sentence)."""
    return [Todo(*item) for module in modules for todo in module.gestion_todo for item in todo(user)]


def steps_soon(user, days=SOON_DAYS):
    now = timezone.now()
    until = now + timedelta(days=days)
    soon = Q(starts_at__gte=now, starts_at__lt=until) | Q(ends_at__gte=now, ends_at__lt=until)
    return list(
        Step.objects.filter(is_enabled=True, project__in=managed_projects(user).values("pk"))
        .filter(soon)
        .select_related("project")
        .defer("body", "settings", "project__body")
        .order_by("starts_at", "ends_at")[:20]
    )


def failed_jobs(days=30):
    since = timezone.now() - timedelta(days=days)
    return list(Job.objects.filter(status=JobStatus.FAILED, created_at__gte=since).order_by("-created_at")[:10])


def open_projects(user):
    return list(
        managed_projects(user)
        .filter(is_published=True, is_archived=False)
        .only("pk", "title", "slug", "participants_count", "contributions_count", "votes_count")
        .order_by("position", "-published_at", "-pk")[:20]
    )


@dataclass(frozen=True)
class Day:
    date: object
    contributions: int
    votes: int

    @property
    def total(self):
        return self.contributions + self.votes


def _per_day(queryset, field, kind, since):
    return (
        queryset.filter(**{f"{field}__gte": since})
        .annotate(day=TruncDate(field, tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"), kind=_constant(kind))
        .values_list("day", "kind", "n")
        .order_by()
    )


def _constant(kind):
    return Value(kind, output_field=IntegerField())


CONTRIBUTIONS, VOTES = 1, 2


def participation_by_day(days=CHART_DAYS):
    """Contributions and votes per day of the last `days` days, oldest first, in one query."""
    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    since = timezone.make_aware(timezone.datetime.combine(first, timezone.datetime.min.time()))
    contribution_models = [
        model for model in apps.get_models() if issubclass(model, Contribution) and not model._meta.abstract
    ]
    parts = [_per_day(model.objects.exclude(status=Status.DELETED), "created_at", CONTRIBUTIONS, since)
             for model in contribution_models]
    parts.append(_per_day(Vote.objects.all(), "created_at", VOTES, since))
    counts = {}
    for day, kind, n in parts[0].union(*parts[1:], all=True):
        key = day if not hasattr(day, "date") else day.date()
        counts[(key, kind)] = counts.get((key, kind), 0) + n
    return [
        Day(date=d, contributions=counts.get((d, CONTRIBUTIONS), 0), votes=counts.get((d, VOTES), 0))
        for d in (first + timedelta(days=i) for i in range(days))
    ]
