"""Exports of a vote step: ballots (anonymised), results, and the whole election as a pabulib file."""

import random

from django.utils.translation import gettext_lazy as _

from participe.exports.base import Exporter
from participe.modules.proposals import pabulib
from participe.modules.proposals.models import Ballot, BallotItem, Proposal
from participe.modules.proposals.selection import proposals_of_step
from participe.modules.proposals.step_settings import vote_settings

CHUNK = 1000


def shuffled_ballots(step, fields=("proposal_id",), district_id=None):
    """(number, [item values]) of the step's counted ballots (of one district's envelope when `district_id`),
    numbered 1…n in a fresh random order at each export: neither the numbers nor the order of the rows follow
    the order in which people voted. Items come by rank then proposal, not in the order the voter chose them."""
    ballots = Ballot.objects.filter(step=step, is_counted=True)
    if district_id is not None:
        ballots = ballots.filter(district_id=district_id)
    ids = list(ballots.values_list("pk", flat=True))
    random.SystemRandom().shuffle(ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        items = {}
        rows = (
            BallotItem.objects.filter(ballot_id__in=chunk)
            .order_by("rank", "proposal_id")
            .values_list("ballot_id", *fields)
        )
        for ballot_id, *values in rows:
            items.setdefault(ballot_id, []).append(values)
        for number, ballot_id in enumerate(chunk, start=start + 1):
            yield number, items.get(ballot_id, [])


class BallotExporter(Exporter):
    title = _("Ballots")
    filename = "ballots"

    def __init__(self, step):
        self.step = step

    def columns(self):
        return ["ballot", "district", "proposal", "source_id", "rank"]

    def rows(self):
        fields = ("ballot__district__name", "proposal_id", "proposal__source_id", "rank")
        for number, items in shuffled_ballots(self.step, fields):
            for district, proposal_id, source_id, rank in items:
                yield [number, district or "", proposal_id, source_id, rank]


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


def election_as_pabulib(step, district=None):
    """The step's proposals and counted ballots as a pabulib election (voter ids anonymised); for a step with one
    envelope per district, `district`'s envelope (a pabulib file holds one)."""
    settings = vote_settings(step)
    election = pabulib.PabulibElection()
    proposals = proposals_of_step(step).with_step_votes(step).select_related("category", "district").order_by("pk")
    if district is not None:
        proposals = proposals.filter(district=district)
    proposals = list(proposals)
    keys = {p.pk: p.source_id or str(p.pk) for p in proposals}
    ballots = {}
    for number, items in shuffled_ballots(step, district_id=district.pk if district is not None else None):
        chosen = [keys[proposal_id] for (proposal_id,) in items if proposal_id in keys]
        if chosen:
            ballots[number] = chosen
    source_meta = (step.settings or {}).get("source", {}).get("meta", {})
    election.meta = {
        "description": step.project.title,
        "country": source_meta.get("country", ""),
        "unit": source_meta.get("unit", step.project.title),
        "instance": source_meta.get("instance", ""),
        "num_projects": str(len(proposals)),
        "num_votes": str(len(ballots)),
        "budget": str(settings.envelope(district.pk if district is not None else None) or 0),
        "vote_type": settings.vote_rule.ballot_type,
        "rule": settings.vote_rule.pabulib_name(),
    }
    if settings.vote_rule.min_score:
        election.meta["min_project_score_threshold"] = str(settings.vote_rule.min_score)
    if district is not None:
        election.meta["subunit"] = district.name
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
    for number, chosen in ballots.items():
        election.votes[str(number)] = {"voter_id": str(number), "vote": chosen}
    return election


def pabulib_text(step):
    return pabulib.dump(election_as_pabulib(step))


class ProposalExporter(Exporter):
    """The proposals of a collect step with every answer to its custom questions, staff-only ones included."""

    title = _("Proposals")
    filename = "proposals"

    def __init__(self, step, definition=None):
        self.step = step
        self.questions = definition.input_questions if definition is not None else []

    def columns(self):
        fixed = ["id", _("Title"), _("Author"), _("Status"), _("Category"), _("District"), _("Estimated cost"),
                 _("Cost revised by the analysis"), _("Votes"), _("Decision"), _("Published at")]
        return [str(column) for column in fixed] + [question.title for question in self.questions]

    def count(self):
        return self._proposals().count()

    def _proposals(self):
        return (Proposal.objects.filter(step=self.step).exclude(status="deleted")
                .select_related("author", "category", "district", "reply").order_by("pk"))

    def rows(self):
        writers = [(str(question.pk), question.question_type.cell_writer(question)) for question in self.questions]
        for proposal in self._proposals().iterator(chunk_size=CHUNK):
            answers = (proposal.reply.answers or {}) if proposal.reply_id else {}
            cells = [
                proposal.pk, proposal.title, proposal.author_name, proposal.get_status_display(),
                proposal.category.name if proposal.category else "", proposal.district.name if proposal.district else "",
                proposal.estimated_cost if proposal.estimated_cost is not None else "",
                proposal.revised_cost if proposal.revised_cost is not None else "",
                proposal.votes_total, proposal.get_decision_display() if proposal.decision else "",
                proposal.published_at.strftime("%Y-%m-%d %H:%M") if proposal.published_at else "",
            ]
            for key, write in writers:
                stored = answers.get(key)
                cells.append("" if stored is None else write(stored))
            yield cells
