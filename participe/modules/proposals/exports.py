"""Exports of a vote step: ballots (anonymised), results, and the whole election as a pabulib file."""

from django.utils.translation import gettext_lazy as _

from participe.exports.base import Exporter
from participe.modules.proposals import pabulib
from participe.modules.proposals.models import Ballot, BallotItem
from participe.modules.proposals.selection import proposals_of_step
from participe.modules.proposals.step_settings import vote_settings


def _anonymous_ids(step):
    """Ballot numbers in a random-looking but stable order, never the voter's id."""
    ids = Ballot.objects.filter(step=step, is_counted=True).order_by("pk").values_list("pk", flat=True)
    return {pk: number for number, pk in enumerate(ids.iterator(chunk_size=5000), start=1)}


class BallotExporter(Exporter):
    title = _("Ballots")
    filename = "ballots"

    def __init__(self, step):
        self.step = step

    def columns(self):
        return ["ballot", "district", "proposal", "source_id", "rank"]

    def rows(self):
        numbers = _anonymous_ids(self.step)
        items = (
            BallotItem.objects.filter(ballot__step=self.step, ballot__is_counted=True)
            .order_by("ballot_id", "rank", "pk")
            .values_list("ballot_id", "ballot__district__name", "proposal_id", "proposal__source_id", "rank")
        )
        for ballot_id, district, proposal_id, source_id, rank in items.iterator(chunk_size=5000):
            yield [numbers.get(ballot_id), district or "", proposal_id, source_id, rank]


class ResultExporter(Exporter):
    title = _("Results")
    filename = "results"

    def __init__(self, payload):
        self.payload = payload

    def columns(self):
        return ["district", "proposal", "source_id", "title", "cost", "votes", "points", "selected"]

    def rows(self):
        for district in self.payload["districts"]:
            for row in district["ranking"]:
                yield [
                    district["district"] or "", row["id"], row["source_id"] or "", row["title"],
                    row["cost"], row["votes"], row["points"], row["selected"],
                ]


def election_as_pabulib(step):
    """The step's proposals and counted ballots as a pabulib election (voter ids anonymised)."""
    settings = vote_settings(step)
    election = pabulib.PabulibElection()
    proposals = list(
        proposals_of_step(step).with_step_votes(step).select_related("category", "district").order_by("pk")
    )
    keys = {p.pk: p.source_id or str(p.pk) for p in proposals}
    numbers = _anonymous_ids(step)
    ballots = {}
    items = (
        BallotItem.objects.filter(ballot__step=step, ballot__is_counted=True)
        .order_by("ballot_id", "rank", "pk")
        .values_list("ballot_id", "proposal_id")
    )
    for ballot_id, proposal_id in items.iterator(chunk_size=5000):
        if proposal_id in keys:
            ballots.setdefault(ballot_id, []).append(keys[proposal_id])
    source_meta = (step.settings or {}).get("source", {}).get("meta", {})
    election.meta = {
        "description": step.project.title,
        "country": source_meta.get("country", ""),
        "unit": source_meta.get("unit", step.project.title),
        "instance": source_meta.get("instance", ""),
        "num_projects": str(len(proposals)),
        "num_votes": str(len(ballots)),
        "budget": str(settings.budget or 0),
        "vote_type": "ordinal" if settings.type == "ranking" else "approval",
        "rule": settings.rule,
    }
    for proposal in proposals:
        votes = proposal.ballot_votes if settings.uses_ballots else proposal.step_votes_total
        election.projects[keys[proposal.pk]] = {
            "project_id": keys[proposal.pk],
            "cost": proposal.cost or 0,
            "votes": str(votes),
            "name": proposal.title,
            "category": proposal.category.name if proposal.category else "",
            "district": proposal.district.name if proposal.district else "",
        }
    for ballot_id, chosen in ballots.items():
        election.votes[str(numbers[ballot_id])] = {"voter_id": str(numbers[ballot_id]), "vote": chosen}
    return election


def pabulib_text(step):
    return pabulib.dump(election_as_pabulib(step))
