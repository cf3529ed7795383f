"""Fresh and controlled results of a vote step: recomputed when their inputs change, hidden from the public
until the organiser publishes them (unless the step shows them during the vote), frozen with their inputs
so that a published result can be checked later, and explained to each voter (how their share was spent)."""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from participe.actionlog.services import record
from participe.modules.proposals import results, rules
from participe.modules.proposals.models import Ballot, BallotItem, PaperCount, Proposal, ResultRun
from participe.modules.proposals.selection import proposals_of_step
from participe.modules.proposals.step_settings import vote_settings
from participe.projects.models import Step
from participe.projects.registry import StepState
from participe.votes.models import Vote

# A run still pending after this long is taken as lost (worker restarted): the next refresh asks again.
PENDING_TIMEOUT = timedelta(minutes=10)
# Closed steps keep being watched this long (paper votes and late e-mail confirmations come after the close).
WATCH_AFTER_CLOSE = timedelta(days=30)


def own_rule(step):
    """ "greedy" or "mes": the family of the step's own rule (the result the organiser publishes)."""
    settings = vote_settings(step)
    vote_rule = getattr(settings, "vote_rule", None)
    return vote_rule.family if vote_rule is not None else settings.rule


def visible_during_vote(step):
    return bool(((step.settings or {}).get("vote") or {}).get("results_visible_during_vote"))


def _vote_rows(step):
    return Vote.objects.filter(content_type=ContentType.objects.get_for_model(Proposal), step=step)


def inputs_stamp(step):
    """A cheap fingerprint of everything a result depends on (a few aggregates, no row read): when it
    moves, the result is stale."""
    settings = vote_settings(step)
    if settings.uses_ballots:
        ballots = Ballot.objects.filter(step=step).aggregate(
            n=Count("pk"),
            counted=Count("pk", filter=Q(is_counted=True)),
            items=Sum("items_count"),
            last=Max("updated_at"),
        )
    else:
        ballots = _vote_rows(step).aggregate(
            n=Count("pk"), counted=Count("pk", filter=Q(is_counted=True)), last=Max("pk")
        )
    paper = PaperCount.objects.filter(step=step).aggregate(
        n=Count("pk"), votes=Sum("votes"), last=Max("updated_at")
    )
    proposals = proposals_of_step(step).order_by().aggregate(n=Count("pk"), last=Max("updated_at"))
    inputs = [step.settings.get("vote") if step.settings else None, ballots, paper, proposals]
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def _item_fields():
    names = {f.name for f in BallotItem._meta.get_fields()}
    return [name for name in ("rank", "points") if name in names]


def ballots_snapshot(step):
    """(ballots counted, sha256 of the sorted ballots): one line per counted ballot, `district|proposal:rank…`
    with its items sorted, the lines sorted, then one line per paper count. Voters and ballot ids are left out:
    the hash says which ballots were counted, not who cast them."""
    settings = vote_settings(step)
    ballots = defaultdict(list)
    if settings.uses_ballots:
        extra = _item_fields()
        rows = (
            BallotItem.objects.filter(ballot__step=step, ballot__is_counted=True)
            .order_by()
            .values_list("ballot_id", "ballot__district_id", "proposal_id", *extra)
        )
        for ballot_id, district_id, proposal_id, *values in rows.iterator(chunk_size=5000):
            ballots[(ballot_id, district_id)].append(":".join(str(v) for v in (proposal_id, *values)))
    else:
        rows = _vote_rows(step).filter(is_counted=True).order_by().values_list("voter_id", "object_id")
        for voter_id, proposal_id in rows.iterator(chunk_size=5000):
            ballots[(voter_id, None)].append(str(proposal_id))
    lines = sorted(
        f"{district or ''}|{','.join(sorted(items))}" for (_id, district), items in ballots.items()
    )
    paper = PaperCount.objects.filter(step=step).order_by("proposal_id").values_list("proposal_id", "votes")
    lines += [f"paper|{proposal_id}:{votes}" for proposal_id, votes in paper]
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode() + b"\n")
    return len(ballots), digest.hexdigest()


def compute_run(result_run, progress=None):
    """Fill `result_run` (the background job's work): the result and the inputs it was computed from. The
    fingerprint is taken before and after: a ballot cast during the computation makes it start again.
    `progress`: see `results.compute`. A failure is kept in the payload (`error`) for the organiser."""
    step = result_run.step
    try:
        for _attempt in range(3):
            stamp = inputs_stamp(step)
            counted, digest = ballots_snapshot(step)
            payload = results.compute(step, result_run.rule, progress=progress)
            if inputs_stamp(step) == stamp:
                break
        result_run.payload = payload
        result_run.inputs_stamp, result_run.ballots_hash, result_run.ballots_counted = stamp, digest, counted
        result_run.vote_settings = (step.settings or {}).get("vote") or {}
        result_run.state = ResultRun.State.DONE
    except Exception as error:
        result_run.state = ResultRun.State.FAILED
        result_run.payload = {"error": f"{type(error).__name__}: {error}"[:500]}
        raise
    finally:
        result_run.computed_at = timezone.now()
        result_run.save()
    # Older unpublished results of this rule are superseded: a busy vote would otherwise keep one a minute.
    ResultRun.objects.filter(
        step=step, rule=result_run.rule, published_at__isnull=True, requested_at__lte=result_run.requested_at
    ).exclude(pk=result_run.pk).exclude(state=ResultRun.State.PENDING).delete()
    return result_run


def latest(step, rule):
    return ResultRun.objects.filter(step=step, rule=rule, state=ResultRun.State.DONE).first()


def pending_run(step, rule):
    since = timezone.now() - PENDING_TIMEOUT
    return ResultRun.objects.filter(
        step=step, rule=rule, state=ResultRun.State.PENDING, requested_at__gte=since
    ).first()


def published(step):
    return (
        ResultRun.objects.filter(step=step, state=ResultRun.State.DONE, published_at__isnull=False)
        .order_by("-published_at", "-pk")
        .first()
    )


def is_stale(result_run, step, stamp=None):
    if result_run is None:
        return True
    if result_run.inputs_stamp != (stamp or inputs_stamp(step)):
        return True
    closes = step.ends_at
    return bool(closes and step.state() == StepState.CLOSED and result_run.requested_at < closes)


def rules_to_refresh(step):
    """The rules whose result of `step` is stale and not being computed: its own rule, and the other rule once
    someone asked for it."""
    if vote_settings(step).type == "none":
        return []
    stamp = inputs_stamp(step)
    shown = set(ResultRun.objects.filter(step=step).values_list("rule", flat=True).distinct())
    return [
        rule
        for rule in sorted({own_rule(step)} | (shown & set(results.RULES)))
        if pending_run(step, rule) is None and is_stale(latest(step, rule), step, stamp)
    ]


def steps_to_watch(moment=None):
    """Vote steps open now, or closed recently (of the current instance)."""
    moment = moment or timezone.now()
    steps = (
        Step.objects.filter(type__in=("collect", "selection"), is_enabled=True)
        .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=moment))
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gte=moment - WATCH_AFTER_CLOSE))
    )
    return [step for step in steps if vote_settings(step).type != "none"]


def publish(result_run, user):
    """Publish `result_run` (frozen as it is): the public sees it from now on instead of any earlier one."""
    result_run.published_at, result_run.published_by = timezone.now(), user
    result_run.save(update_fields=["published_at", "published_by"])
    record(
        user,
        "proposals.results_published",
        result_run.step,
        {"run": result_run.pk, "rule": result_run.rule, "ballots_hash": result_run.ballots_hash},
    )
    return result_run


@dataclass(frozen=True)
class Verification:
    same_ballots: bool
    same_winners: bool
    ballots_counted: int

    @property
    def ok(self):
        return self.same_ballots and self.same_winners


def _winners(payload):
    return [[w["id"] for w in district["winners"]] for district in payload.get("districts", [])]


def verify(result_run):
    """Recompute `result_run` from the ballots stored now, with the vote settings it was computed with: are the
    ballots those it counted (same hash), and are the winners the same?"""
    step = result_run.step
    counted, digest = ballots_snapshot(step)
    frozen = Step(
        pk=step.pk,
        instance_id=step.instance_id,
        project_id=step.project_id,
        type=step.type,
        settings={**(step.settings or {}), "vote": result_run.vote_settings},
    )
    again = results.compute(frozen, result_run.rule)
    return Verification(
        digest == result_run.ballots_hash, _winners(again) == _winners(result_run.payload), counted
    )


def describe(result_run, vote_type):
    """The rule of `result_run` in plain words."""
    step_rule = rules.from_settings(result_run.vote_settings, vote_type)
    return rules.resolve(step_rule, result_run.rule).describe()


def _fraction(exact, rounded):
    return Fraction(exact) if exact not in (None, "") else Fraction(str(rounded or 0))


def voter_share(result_run, step, user):
    """How `user`'s share was spent in each envelope of an MES result: [{district, share, spent: [(row, amount)],
    left, completed: [rows of their choices funded with what was left], chosen: [rows]}]; greedy results list
    only their choices (selected or not)."""
    settings = vote_settings(step)
    if settings.uses_ballots:
        items = BallotItem.objects.filter(
            ballot__step=step, ballot__voter=user, ballot__is_counted=True
        ).values_list("ballot__district_id", "proposal_id")
    else:
        items = [
            (None, pk)
            for pk in _vote_rows(step).filter(voter=user, is_counted=True).values_list("object_id", flat=True)
        ]
    mine = defaultdict(set)
    for district_id, proposal_id in items:
        mine[district_id].add(proposal_id)
    shares = []
    for district in result_run.payload.get("districts", []):
        chosen_ids = mine.get(district["district_id"], set())
        if not chosen_ids:
            continue
        rows = {row["id"]: row for row in district["ranking"]}
        # A proposal withdrawn since the vote is in the ballot but not in the result.
        chosen = sorted(
            (rows[pk] for pk in chosen_ids if pk in rows), key=lambda row: (-row["votes"], row["id"])
        )
        entry = {"district": district["district"], "chosen": chosen, "mes": None}
        mes = district.get("mes")
        if mes:
            keys = {row["source_id"] or str(row["id"]): row for row in chosen}
            left = _fraction(mes.get("budget_per_voter_exact"), mes["budget_per_voter"])
            spent = []
            for entry_round in mes["rounds"]:
                row = keys.get(entry_round["key"])
                if row is None or not left:
                    continue
                pay = min(left, _fraction(entry_round.get("price_exact"), entry_round["price_per_supporter"]))
                spent.append({"row": row, "amount": float(pay)})
                left -= pay
            completed = set(mes.get("completed_by_greedy") or [])
            entry["mes"] = {
                "share": mes["budget_per_voter"],
                "spent": spent,
                "left": float(left),
                "completed": [row for key, row in keys.items() if key in completed],
            }
        shares.append(entry)
    return shares
