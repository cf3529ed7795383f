from celery import shared_task
from django.utils import timezone

from participe.instances.models import Instance
from participe.instances.scoping import in_instance, platform_wide


def _due(votations):
    return votations.filter(results__isnull=True, step__is_enabled=True, step__ends_at__lte=timezone.now())


@shared_task
def count_closed_votations():
    """Count each votation soon after it closes (every few minutes), so its electorate is the one of the
    close, not of whenever someone first opens the results; the results page still counts a votation
    the worker has not reached yet."""
    from participe.modules.votations.models import Votation
    from participe.modules.votations.services import compute_results

    with platform_wide():
        instance_ids = set(_due(Votation.objects.all()).values_list("instance_id", flat=True))
        instances = list(Instance.objects.filter(pk__in=instance_ids))
    counted = 0
    for instance in instances:
        with in_instance(instance):
            for votation in _due(Votation.objects.all()).select_related("step", "form"):
                counted += compute_results(votation) is not None
    return counted
