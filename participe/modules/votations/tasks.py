from celery import shared_task
from django.utils import timezone

from participe.instances.models import Instance
from participe.instances.scoping import in_instance, platform_wide
from participe.modules.votations.models import Votation
from participe.modules.votations.services import compute_results, flush_pool


def _due(votations):
    return votations.filter(results__isnull=True, step__is_enabled=True, step__ends_at__lte=timezone.now())


def _per_instance(select):
    """The votations `select(queryset)` keeps, instance by instance, each read and handled in its instance's scope."""
    with platform_wide():
        instance_ids = set(select(Votation.objects.all()).values_list("instance_id", flat=True))
        instances = list(Instance.objects.filter(pk__in=instance_ids))
    for instance in instances:
        with in_instance(instance):
            yield from list(select(Votation.objects.all()).select_related("step", "form"))


@shared_task
def count_closed_votations():
    """Count each votation soon after it closes (every few minutes), so its electorate is the one of the
    close, not of whenever someone first opens the results; the results page still counts a votation
    the worker has not reached yet."""
    return sum(compute_results(votation) is not None for votation in _per_instance(_due))


@shared_task
def flush_ballot_pools():
    """Every minute: each open votation's pool goes into the box once enough ballots wait (a batch of
    `VOTATION_BATCH_MIN`); a closed votation's pool is sealed into the box by its count."""
    def waiting(votations):
        return votations.filter(pending_ballots__isnull=False, results__isnull=True).distinct()

    return sum(flush_pool(votation) for votation in _per_instance(waiting) if not votation.is_closed)
