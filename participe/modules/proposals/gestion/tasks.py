"""Background jobs of the proposals' back office (imported by the manifest, so every worker knows them)."""

from celery import shared_task

from participe.instances.models import Instance
from participe.instances.scoping import in_instance, platform_wide
from participe.modules.proposals import analysis
from participe.modules.proposals.models import Proposal
from participe.notifications.followers import announce_status


@shared_task
def announce_statuses(instance_id, proposal_ids, status_name):
    """A status given to many proposals at once: each author and the followers are told, here, not in the
    request that changed them."""
    with platform_wide():
        instance = Instance.objects.get(pk=instance_id)
    with in_instance(instance):
        for proposal in Proposal.objects.filter(pk__in=proposal_ids).select_related("author"):
            announce_status(proposal, status_name)


@shared_task
def publish_decisions(instance_id, proposal_ids):
    """Decisions recorded in bulk to be public now: each is published once, its author and followers told."""
    with platform_wide():
        instance = Instance.objects.get(pk=instance_id)
    with in_instance(instance):
        due = Proposal.objects.filter(pk__in=proposal_ids, decision_published_at=None).exclude(decision="")
        for proposal in due.select_related("author", "instance"):
            analysis.publish_decision(proposal)
