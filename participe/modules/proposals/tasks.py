from celery import shared_task

from participe.instances.models import Instance
from participe.instances.scoping import in_instance, platform_wide
from participe.modules.proposals import analysis
from participe.modules.proposals.results import run
from participe.projects.models import Step


@shared_task
def publish_due_decisions():
    with platform_wide():
        instances = list(Instance.objects.all())
    published = 0
    for instance in instances:
        with in_instance(instance):
            published += analysis.publish_due_decisions()
    return published


@shared_task
def compute_results(instance_id, step_id, rule):
    """Heavy rules (MES on thousands of ballots) run here, never in a request."""
    with platform_wide():
        instance = Instance.objects.get(pk=instance_id)
    with in_instance(instance):
        return run(Step.objects.get(pk=step_id), rule).pk
