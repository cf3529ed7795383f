"""Support votes counted per step: a proposal voted in its collect step and again in a selection step
keeps one counter per step: its own `votes_total` for its collect step, a `ProposalStepVotes` row for each
selection step.

The shared vote engine writes `Vote` rows (with their step, chosen by the declared `vote_step` hook); whenever
it moves counted votes (cast, changed, withdrawn, counted once the e-mail is confirmed) it asks the declared
`count_in_step` hook (`Proposal.count_votes_in_step`), which moves a selection step's row
(`ProposalStepVotes.add`) in the same transaction, or lets the engine move `votes_total`. A merge, which
moves Vote rows in bulk, recounts here.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Q

from participe.modules.proposals.models import Proposal, ProposalStepVotes
from participe.votes.models import Vote


def _proposal_type_id():
    return ContentType.objects.get_for_model(Proposal).pk  # cached per process


def recount(proposal_ids):
    """Set the per-step counters of `proposal_ids` from their Vote rows (after a merge moved votes)."""
    proposal_ids = list(proposal_ids)
    if not proposal_ids:
        return
    rows = (
        Vote.objects.filter(content_type_id=_proposal_type_id(), object_id__in=proposal_ids)
        .values("object_id", "step_id")
        .annotate(total=Count("pk", filter=Q(is_counted=True)))
        .order_by()
    )
    proposals = Proposal._base_manager.filter(pk__in=proposal_ids).values_list("pk", "instance_id", "step_id")
    instance_ids, own_steps = {}, {}
    for pk, instance_id, step_id in proposals:
        instance_ids[pk], own_steps[pk] = instance_id, step_id
    own, totals = dict.fromkeys(proposal_ids, 0), {}
    for row in rows:
        proposal_id, step_id = row["object_id"], row["step_id"]
        if step_id is None or step_id == own_steps.get(proposal_id):
            own[proposal_id] += row["total"]
        else:
            totals[(proposal_id, step_id)] = row["total"]
    with transaction.atomic():
        for proposal_id, total in own.items():
            Proposal._base_manager.filter(pk=proposal_id).update(votes_total=total)
        kept = ProposalStepVotes._base_manager.filter(proposal_id__in=proposal_ids)
        for row in kept.only("pk", "proposal_id", "step_id"):
            if (row.proposal_id, row.step_id) not in totals:
                row.delete()
        for (proposal_id, step_id), total in totals.items():
            ProposalStepVotes._base_manager.update_or_create(
                proposal_id=proposal_id, step_id=step_id,
                defaults={"votes_total": total, "instance_id": instance_ids[proposal_id]},
            )


def show_counts_of(proposals, step):
    """Make each listed proposal (annotated `with_step_votes(step)`) show and be voted in `step`:
    its vote widget reads `votes_total` and asks `voting_step`, both answered without a query."""
    for proposal in proposals:
        proposal.votes_total = getattr(proposal, "step_votes_total", 0)
        proposal.__dict__["voting_step"] = step
    return proposals
