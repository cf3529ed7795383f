"""The steps' and projects' vote totals (`Step.votes_count`, `Project.votes_count`), recounted from the rows.

A vote moves only its object's counters, in its own transaction: a step's or a project's row, which every
vote of the project would update, would serialise all of them (each holds the row's lock until its commit
is on disk). These totals are only shown (project page, home page, back office) and used in page-cache keys,
so a job recounts them every minute (`recount-step-votes`), exact as of that minute: counted votes of the
ballot kinds (support, agree3, for/against; not likes) plus what a step type counts outside the vote engine
(a budget step's counted ballots: its `StepType.votes_tally` hook). A project's total is the sum of its steps'.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from participe.instances.scoping import platform_wide
from participe.participation.registry import participation
from participe.projects.models import Project, Step
from participe.projects.registry import step_types
from participe.votes.kinds import KINDS
from participe.votes.models import Vote

# A step still counts votes this long after it closed: votes confirmed or withdrawn late settle in the next runs.
CLOSED_GRACE = timedelta(days=1)


def ballot_content_types():
    """Ids of the content types whose votes count in the totals (ballot kinds, not reactions)."""
    models = [model for model in participation.models_with("votable") if KINDS[participation.features(model).votable].is_ballot]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def live_steps(moment=None):
    """The steps whose totals may still move: open, or closed less than CLOSED_GRACE ago."""
    moment = moment or timezone.now()
    return Step.objects.filter(
        Q(starts_at__isnull=True) | Q(starts_at__lte=moment),
        Q(ends_at__isnull=True) | Q(ends_at__gt=moment - CLOSED_GRACE),
    )


def tally(steps):
    """{step id: counted votes} of `steps` (step objects with their `type`), from the rows."""
    steps = list(steps)
    totals = dict.fromkeys((step.pk for step in steps), 0)
    rows = (
        Vote.objects.filter(step__in=totals, is_counted=True, content_type_id__in=ballot_content_types())
        .values_list("step_id")
        .annotate(total=Count("pk"))
        .order_by()
    )
    for step_id, total in rows:
        totals[step_id] += total
    by_type = {}
    for step in steps:
        by_type.setdefault(step.type, []).append(step.pk)
    for type_key, step_ids in by_type.items():
        step_type = step_types.get(type_key)
        hook = step_type.get_hook("votes_tally") if step_type is not None else None
        if hook is not None:
            for step_id, total in hook(step_ids).items():
                totals[step_id] += total
    return totals


def recount(steps=None):
    """Write the totals of `steps` (default: the live steps of every instance) and of their projects where they
    moved; the number of steps whose total changed."""
    with platform_wide():
        steps = list((live_steps() if steps is None else steps).only("pk", "type", "project_id", "votes_count"))
        totals = tally(steps)
        moved = [step for step in steps if step.votes_count != totals[step.pk]]
        with transaction.atomic():
            for step in moved:
                Step.objects.filter(pk=step.pk).update(votes_count=totals[step.pk])
            projects = {step.project_id for step in moved}
            sums = Step.objects.filter(project_id__in=projects).values_list("project_id").annotate(
                total=Sum("votes_count")
            ).order_by()
            for project_id, total in sums:
                Project.objects.filter(pk=project_id).update(votes_count=total or 0)
    return len(moved)
