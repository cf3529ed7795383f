"""Moving proposals to another collect step (the back office's contributions table, bulk action "move").

What follows a proposal, and what does not:
- its supports cast in the step it leaves go with it to the new step (they are supports of the same idea), and its
  counters are recounted from the votes;
- a proposal already in a voter's ballot (limited, budget or ranking vote) of the step it leaves stays where it is:
  a ballot is filled within one step's envelope and rules, and taking an item out would change a vote the voter
  cast (the organiser is told it was left as it was);
- its category is the new step's category of the same name, else none (categories belong to a step);
- it leaves the selection steps of its old project when it changes project.
"""

from django.db import transaction
from django.utils import timezone

from participe.modules.proposals.models import BallotItem, Category, Proposal, Selection
from participe.modules.proposals.step_votes import recount
from participe.votes.models import Vote


def in_ballots(proposals):
    """The ids of `proposals` that some ballot of their own step holds."""
    ids = [proposal.pk for proposal in proposals]
    rows = (
        BallotItem.objects.filter(proposal_id__in=ids)
        .values_list("proposal_id", "ballot__step_id")
        .distinct()
    )
    own = {proposal.pk: proposal.step_id for proposal in proposals}
    return {proposal_id for proposal_id, step_id in rows if own.get(proposal_id) == step_id}


@transaction.atomic
def move_proposals(proposals, step):
    """Move `proposals` (rows of collect steps, locked by the caller's transaction) into the collect step `step`;
    returns those moved (the others are in ballots of their step)."""
    kept = in_ballots(proposals)
    moving = [proposal for proposal in proposals if proposal.pk not in kept and proposal.step_id != step.pk]
    if not moving:
        return []
    categories = dict(Category.objects.filter(step=step).values_list("name", "pk"))
    names = dict(
        Category.objects.filter(pk__in={p.category_id for p in moving} - {None}).values_list("pk", "name")
    )
    now = timezone.now()
    for old_step_id in {proposal.step_id for proposal in moving}:
        ids = [proposal.pk for proposal in moving if proposal.step_id == old_step_id]
        Vote.objects.filter(
            content_type__app_label="proposals",
            content_type__model="proposal",
            object_id__in=ids,
            step_id=old_step_id,
        ).update(step=step)
    for category_id in {proposal.category_id for proposal in moving}:
        ids = [proposal.pk for proposal in moving if proposal.category_id == category_id]
        Proposal._base_manager.filter(pk__in=ids).update(
            step=step, category_id=categories.get(names.get(category_id)), updated_at=now
        )
    ids = [proposal.pk for proposal in moving]
    other_project = [proposal.pk for proposal in moving if proposal.step.project_id != step.project_id]
    if other_project:
        for selection in Selection.objects.filter(proposal_id__in=other_project).exclude(
            step__project=step.project
        ):
            selection.delete()  # one by one: its signal keeps `Proposal.selected_into` right
    recount(ids)
    return moving
