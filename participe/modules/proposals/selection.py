"""Which proposals take part in a step: those written in a collect step, or moved into a selection step."""

from django.db import transaction

from participe.modules.proposals.models import Proposal, Selection
from participe.participation.models import Status


def proposals_of_step(step):
    published = Proposal.objects.filter(status=Status.PUBLISHED, merged_into=None)
    if step.type == "selection":
        return published.filter(selections__step=step)
    return published.filter(step=step)


@transaction.atomic
def select(proposals, step, status=None):
    """Move proposals into a selection step (again: only the status changes)."""
    for proposal in proposals:
        Selection.objects.update_or_create(
            proposal=proposal, step=step, defaults={"status": status, "instance_id": proposal.instance_id}
        )
