"""The GDPR export's sections: the account's proposals and ballots."""

from participe.modules.proposals.models import BallotItem, Proposal


def proposals_of(user):
    return [
        {"id": p.pk, "title": p.title, "status": p.status, "created_at": p.created_at, "step": p.step_id}
        for p in Proposal.objects.filter(author=user).order_by("created_at")
    ]


def ballots_of(user):
    return [
        {"step": step_id, "district": district_id, "proposal": proposal_id, "rank": rank}
        for step_id, district_id, proposal_id, rank in BallotItem.objects.filter(ballot__voter=user)
        .order_by("ballot_id", "rank", "pk")
        .values_list("ballot__step_id", "ballot__district_id", "proposal_id", "rank")
    ]
