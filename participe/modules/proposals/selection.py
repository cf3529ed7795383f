"""Which proposals take part in a step: those written in a collect step, or moved into a selection step."""

from django.db import transaction

from participe.core.prepared import Prepared
from participe.modules.proposals.models import Proposal, Selection
from participe.participation.models import Status


def proposals_of_step(step):
    published = Proposal.objects.filter(status=Status.PUBLISHED, merged_into=None)
    if step.type == "selection":
        return published.filter(selections__step=step)
    return published.filter(step=step)


# The proposal of a ballot change, by its id (each change looks one up): built once (participe.core.prepared).
_in_collect_step = Prepared(
    lambda step, pk: Proposal.objects.filter(status=Status.PUBLISHED, merged_into=None, step_id=step, pk=pk).order_by()[:1],
    "step", "pk",
)
_in_selection_step = Prepared(
    lambda step, pk: Proposal.objects.filter(status=Status.PUBLISHED, merged_into=None, selections__step_id=step, pk=pk)
    .order_by()[:1],
    "step", "pk",
)


def proposal_of_step(step, pk):
    """The proposal `pk` if it takes part in `step` (as in `proposals_of_step`), else None."""
    return (_in_selection_step if step.type == "selection" else _in_collect_step).first(step=step.pk, pk=pk)


@transaction.atomic
def select(proposals, step, status=None):
    """Move proposals into a selection step (again: only the status changes)."""
    proposals = list(proposals)
    for proposal in proposals:
        Selection.objects.update_or_create(
            proposal=proposal, step=step, defaults={"status": status, "instance_id": proposal.instance_id}
        )
    # The saves set each proposal's `selected_into` in the database; the objects in hand vote there too.
    selected_into = dict(Proposal.objects.filter(pk__in=[p.pk for p in proposals]).values_list("pk", "selected_into_id"))
    for proposal in proposals:
        proposal.selected_into_id = selected_into.get(proposal.pk)
        proposal.__dict__.pop("voting_step", None)
