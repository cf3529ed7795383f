"""Results of a vote step, from the database to the pure rules of `winners` and back to JSON."""

from collections import defaultdict
from fractions import Fraction
from math import ceil

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from participe.modules.proposals import rules, winners
from participe.modules.proposals.models import BallotItem, PaperCount, Proposal
from participe.modules.proposals.selection import proposals_of_step
from participe.modules.proposals.step_settings import vote_settings
from participe.votes.models import Vote

RULES = ("greedy", "mes")


def _money(value):
    value = Fraction(value)
    return int(value) if value.denominator == 1 else round(float(value), 2)


def scores(step, settings=None):
    """{proposal id: (votes, points)} counted online plus paper votes, in two queries."""
    settings = settings or vote_settings(step)
    paper = dict(PaperCount.objects.filter(step=step).values_list("proposal_id", "votes"))
    rows = (
        proposals_of_step(step)
        .with_step_votes(step)
        .values_list("pk", "step_votes_total", "ballot_votes", "ballot_points")
    )
    result = {}
    for pk, supports, ballot_votes, points in rows:
        online = ballot_votes if settings.uses_ballots else supports
        result[pk] = (online + paper.get(pk, 0), points)
    return result


def approval_ballots(step, settings):
    """{district id or None: [set of proposal ids]} of counted ballots (support votes grouped per voter)."""
    ballots = defaultdict(lambda: defaultdict(set))
    if settings.uses_ballots:
        items = BallotItem.objects.filter(ballot__step=step, ballot__is_counted=True).values_list(
            "ballot_id", "ballot__district_id", "proposal_id"
        )
        for ballot_id, district_id, proposal_id in items.iterator(chunk_size=5000):
            ballots[district_id][ballot_id].add(proposal_id)
    else:
        votes = Vote.objects.filter(
            content_type=ContentType.objects.get_for_model(Proposal), step=step, is_counted=True
        ).values_list("voter_id", "object_id")
        for voter_id, proposal_id in votes.iterator(chunk_size=5000):
            ballots[None][voter_id].add(proposal_id)
    return {district: list(by_voter.values()) for district, by_voter in ballots.items()}


def _key(proposal):
    return proposal["source_id"] or str(proposal["pk"])


# What the organiser sees of a long computation: its phase, and how far it is (0 to 1 overall).
PHASES = ("ballots", "mes", "completion")


def compute(step, rule=None, progress=None):
    """The winners of `step` by `rule` (None: the step's own rule; "greedy" or "mes": the step's rule of that
    family; or a `rules.VoteRule`), as a JSON-ready dict.

    `progress(phase, fraction)`: told the phase (one of PHASES) and how far the whole computation is (0 to 1):
    loading the ballots, then the equal shares of each envelope (by MES runs done / expected), then the rest."""
    report = progress or (lambda phase, fraction: None)
    report("ballots", 0)
    settings = vote_settings(step)
    vote_rule = rules.resolve(settings.vote_rule, rule)
    rule = vote_rule.family
    score = scores(step, settings)
    proposals = list(
        proposals_of_step(step)
        .values("pk", "source_id", "title", "estimated_cost", "revised_cost", "district_id", "district__name")
        .order_by("pk")
    )
    by_points = vote_rule.scores_by_points
    groups = defaultdict(list)
    for proposal in proposals:
        proposal["cost"] = (
            proposal["revised_cost"] if proposal["revised_cost"] is not None else proposal["estimated_cost"]
        )
        proposal["votes"], proposal["points"] = score.get(proposal["pk"], (0, 0))
        groups[proposal["district_id"] if settings.per_district else None].append(proposal)
    ballots = approval_ballots(step, settings) if rule == "mes" or vote_rule.min_share else {}
    districts = []
    ordered = sorted(groups.items(), key=lambda item: (item[0] is not None, item[0] or 0))
    # Loading the ballots counts for the first tenth, the envelopes share the rest equally.
    report("mes" if rule == "mes" else "completion", Fraction(1, 10))
    for index, (district_id, members) in enumerate(ordered):
        envelope = settings.envelope(district_id)

        def runs(done, expected, index=index):
            report(
                "mes", Fraction(1, 10) + Fraction(9, 10) * (index + Fraction(done, expected)) / len(ordered)
            )

        districts.append(
            _district_result(
                members, envelope, vote_rule, settings, ballots.get(district_id, []), by_points, runs
            )
        )
        report("completion", Fraction(1, 10) + Fraction(9, 10) * (index + 1) / len(ordered))
    total_spent = sum((Fraction(str(d["spent"])) for d in districts), Fraction(0))
    return {
        "step": step.pk,
        "rule": rule,
        "vote_rule": vote_rule.as_dict(),
        "vote_type": settings.type,
        "computed_at": timezone.now().isoformat(),
        "districts": districts,
        "total_spent": _money(total_spent),
        "winners_count": sum(len(d["winners"]) for d in districts),
    }


def _district_result(members, envelope, vote_rule, settings, ballots, by_points, progress=None):
    eligible = [m for m in members if m["cost"] is not None]
    candidates = [
        winners.Candidate(_key(m), Fraction(m["cost"]), m["votes"], m["points"] if by_points else None)
        for m in eligible
    ]
    by_key = {_key(m): m for m in members}
    pk_to_key = {m["pk"]: _key(m) for m in eligible}
    approval = [[pk_to_key[pk] for pk in ballot if pk in pk_to_key] for ballot in ballots]
    mes = None
    below = []
    if envelope is None:
        # No envelope (idea box, limited vote): every proposal above the threshold is selected.
        min_votes = ceil(vote_rule.min_share * len(approval))
        chosen = [
            c.key
            for c in sorted(candidates, key=lambda c: (-c.ranking_score, c.key))
            if c.votes > 0 and winners.passes_threshold(c, vote_rule.min_score, min_votes)
        ]
    else:
        outcome = winners.select(vote_rule, candidates, approval, envelope, progress=progress)
        chosen, below = outcome.winners, outcome.below_threshold
    if envelope is not None and vote_rule.method == "mes":
        mes = {
            "budget_per_voter": _money(outcome.budget_per_voter),
            # Exact, for each voter's own account of how their share was spent.
            "budget_per_voter_exact": str(outcome.budget_per_voter),
            "voters": len(approval),
            "completed_by_greedy": outcome.completed_by_greedy,
            "rounds": [
                {
                    **{k: v for k, v in entry.items() if k != "price_per_supporter"},
                    "title": by_key[entry["key"]]["title"],
                    "price_per_supporter": _money(entry["price_per_supporter"]),
                    "price_exact": str(entry["price_per_supporter"]),
                }
                for entry in outcome.rounds
            ],
        }
    chosen_set = set(chosen)
    ranking = sorted(members, key=lambda m: (-(m["points"] if by_points else m["votes"]), _key(m)))

    def row(m):
        return {
            "id": m["pk"],
            "source_id": m["source_id"] or None,
            "title": m["title"],
            "cost": _money(m["cost"] or 0),
            "votes": m["votes"],
            "points": m["points"],
            "selected": _key(m) in chosen_set,
        }

    spent = sum((Fraction(by_key[k]["cost"] or 0) for k in chosen), Fraction(0))
    return {
        "district_id": members[0]["district_id"] if settings.per_district else None,
        "district": members[0]["district__name"] if settings.per_district else None,
        "budget": _money(envelope) if envelope is not None else None,
        "spent": _money(spent),
        "winners": [row(by_key[k]) for k in chosen],
        "ranking": [row(m) for m in ranking],
        "mes": mes,
        "below_threshold": below,
    }
