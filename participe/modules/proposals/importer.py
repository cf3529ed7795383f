"""`participe import pabulib PATH.pb --instance DOMAIN`: a participatory budget from a pabulib file.

Creates a project with one collect step whose vote settings say what the file's META says (ballot type,
lengths, points, budget, counting rule, threshold, district), the file's projects as proposals (cost, category,
district, source id), one generated account per voter and the ballots with their ranks and points, all with
bulk inserts. What the settings cannot represent is refused with a clear message. Importing the same file
twice changes nothing.
"""

from collections import Counter
from decimal import Decimal, InvalidOperation

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from participe.accounts.models import User
from participe.modules.proposals import pabulib
from participe.modules.proposals.models import Ballot, BallotItem, Category, Proposal
from participe.participation.models import Status
from participe.projects.models import Project, Step
from participe.site.models import District

BATCH = 2000


# META `rule` → (method, MES completion).
RULES = {
    "greedy": ("greedy", None),
    "greedy-threshold": ("greedy", None),
    "greedy-no-skip": ("greedy-no-skip", None),
    "equalshares": ("mes", "none"),
    "equalshares/utilitarian": ("mes", "utilitarian"),
    "equalshares/add1": ("mes", "add1"),
    "equalshares/add1/utilitarian": ("mes", "add1-utilitarian"),
    "equalshares/add1/utilitarian/comparison": ("mes", "add1-utilitarian-comparison"),
}
VOTE_TYPES = ("approval", "choose-1", "cumulative", "ordinal")


def _whole(meta, key):
    value = meta.get(key, "").strip()
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or number != number.to_integral_value() or number < 0:
        raise CommandError(_("META %(key)s must be a whole number, not “%(value)s”.") % {"key": key, "value": value})
    return int(number)


def vote_from_meta(meta, budget, ballots):
    """The step's `settings["vote"]` for a file's META, or CommandError naming what cannot be represented.
    `ballots`: the file's votes (ordinal ballots longer than max_length need a longer ranking)."""
    vote_type = meta.get("vote_type", "approval").strip() or "approval"
    if vote_type not in VOTE_TYPES:
        raise CommandError(_("The vote type “%(type)s” cannot be represented; known: %(known)s.")
                           % {"type": vote_type, "known": ", ".join(VOTE_TYPES)})
    rule_name = meta.get("rule", "greedy").strip() or "greedy"
    if rule_name not in RULES:
        raise CommandError(_("The rule “%(rule)s” cannot be represented; known: %(known)s.")
                           % {"rule": rule_name, "known": ", ".join(RULES)})
    method, completion = RULES[rule_name]
    threshold = _whole(meta, "min_project_score_threshold")
    if rule_name == "greedy-threshold" and threshold is None:
        raise CommandError(_("The rule greedy-threshold needs min_project_score_threshold in the META."))
    if _whole(meta, "min_sum_cost"):
        raise CommandError(_("A minimum cost per ballot (min_sum_cost) cannot be represented."))
    max_sum_cost = _whole(meta, "max_sum_cost")
    if max_sum_cost is not None and max_sum_cost != budget:
        raise CommandError(_("A ballot cost limit (max_sum_cost %(limit)s) other than the budget cannot be "
                             "represented.") % {"limit": max_sum_cost})
    min_length, max_length = _whole(meta, "min_length"), _whole(meta, "max_length")
    if vote_type == "choose-1" and (max_length or 1) != 1:
        raise CommandError(_("A choose-1 vote with max_length %(n)s cannot be represented.") % {"n": max_length})
    vote = {
        "type": "ranking" if vote_type == "ordinal" else "budget",
        "budget": str(budget),
        "rule": method,
        "min_choices": min_length or None,
        "max_choices": 1 if vote_type == "choose-1" else max_length,
        "threshold": threshold,
    }
    if completion:
        vote["completion"] = completion
    if vote_type in ("cumulative", "choose-1"):
        vote["ballot"] = vote_type
    if vote_type == "ordinal":
        longest = max((len(v["vote"]) for v in ballots), default=0)
        vote["ranking_size"] = max(max_length or 0, longest) or None
    if vote_type == "cumulative":
        vote.update({key: _whole(meta, key) for key in ("max_points", "min_sum_points", "max_sum_points")})
    return {k: v for k, v in vote.items() if v is not None}


def import_pabulib(path, instance, **options):
    try:
        election = pabulib.parse_file(path)
    except (OSError, UnicodeDecodeError, pabulib.PabulibError) as error:
        raise CommandError(_("Cannot read this pabulib file: %(error)s") % {"error": error}) from error
    meta = election.meta
    vote_from_meta(meta, election.budget, election.votes.values())  # refused before anything is written
    name = " ".join(filter(None, [meta.get("unit"), meta.get("instance"), meta.get("subunit")])) or "pabulib"
    slug = slugify(f"pabulib {meta.get('country', '')} {name}")[:200]
    existing = Step.objects.filter(project__slug=slug, slug="vote").first()
    if existing is not None:
        return _summary(existing, created=False)
    with transaction.atomic():
        step = _create_project(instance, election, name, slug)
        proposals = _create_proposals(instance, election, step)
        _create_ballots(instance, election, step, proposals, slug)
    return _summary(step, created=True)


def _summary(step, created):
    return {
        "project": step.project.slug,
        "step": step.pk,
        "proposals": Proposal.objects.filter(step=step).count(),
        "ballots": Ballot.objects.filter(step=step).count(),
        "created": created,
    }


def _create_project(instance, election, name, slug):
    meta = election.meta
    project = Project.objects.create(
        instance=instance,
        title=meta.get("description") or f"Budget participatif {name}",
        slug=slug,
        type_label="Budget participatif",
        is_published=True,
    )
    vote = vote_from_meta(meta, election.budget, election.votes.values())
    return Step.objects.create(
        instance=instance,
        project=project,
        type="collect",
        title="Vote",
        slug="vote",
        settings={
            "vote": vote,
            "fields": {"category": {"enabled": True}, "district": {"enabled": True},
                       "estimated_cost": {"enabled": True, "required": True}},
            "source": {"format": "pabulib", "meta": meta},
        },
    )


def _create_proposals(instance, election, step):
    categories = {}
    for label in sorted({p.get("category", "") for p in election.projects.values()} - {""}):
        categories[label] = Category.objects.create(instance=instance, step=step, name=label[:120])
    districts = {d.name: d for d in District.objects.all()}
    # A district-level file (META district) puts every project of it in that district.
    whole_file = election.meta.get("district", "").strip()
    if whole_file:
        for project in election.projects.values():
            project["district"] = project.get("district") or whole_file
    for label in sorted({p.get("district", "") for p in election.projects.values()} - {""}):
        if label[:120] not in districts:
            districts[label[:120]] = District.objects.create(
                instance=instance, name=label[:120], slug=slugify(label)[:140] or f"d-{len(districts)}"
            )
    now = timezone.now()
    Proposal.objects.bulk_create(
        [
            Proposal(
                instance=instance,
                step=step,
                status=Status.PUBLISHED,
                published_at=now,
                title=(project.get("name") or project_id)[:200],
                estimated_cost=project["cost"],
                category=categories.get(project.get("category", "")),
                district=districts.get(project.get("district", "")[:120]),
                source_id=project_id,
            )
            for project_id, project in election.projects.items()
        ],
        batch_size=BATCH,
    )
    return dict(Proposal.objects.filter(step=step).values_list("source_id", "pk"))


def _create_ballots(instance, election, step, proposals, slug):
    now = timezone.now()
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                instance=instance,
                email=f"{slug}-{voter_id}@voters.invalid"[:254].lower(),
                display_name=f"Votant {voter_id}",
                password=unusable,
                email_confirmed_at=now,
            )
            for voter_id in election.votes
        ],
        batch_size=BATCH,
    )
    vote_settings = step.settings["vote"]
    ranked = vote_settings["type"] == "ranking"
    ranking_size = vote_settings.get("ranking_size") or 0
    costs = {source_id: election.projects[source_id]["cost"] for source_id in proposals}
    ballots = Ballot.objects.bulk_create(
        [
            Ballot(
                instance=instance,
                voter=user,
                step=step,
                items_count=len(vote["vote"]),
                total_cost=sum((costs[p] for p in vote["vote"]), 0),
                is_counted=bool(vote["vote"]),
            )
            for user, vote in zip(users, election.votes.values(), strict=True)
        ],
        batch_size=BATCH,
    )
    votes, points = Counter(), Counter()
    items = []
    for ballot, vote in zip(ballots, election.votes.values(), strict=True):
        given = vote.get("points") or []
        for rank, source_id in enumerate(vote["vote"], start=1):
            # Ranking ballots without points: the first of N ranked gets N points, as the platform counts them.
            score = given[rank - 1] if rank <= len(given) else (ranking_size - rank + 1 if ranked else None)
            items.append(
                BallotItem(
                    instance=instance, ballot=ballot, proposal_id=proposals[source_id],
                    rank=rank if ranked else None, points=score if given or ranked else None, cost=costs[source_id],
                )
            )
            votes[source_id] += 1
            points[source_id] += score or 0
    BallotItem.objects.bulk_create(items, batch_size=BATCH)
    for source_id, pk in proposals.items():
        if votes[source_id]:
            Proposal.objects.filter(pk=pk).update(ballot_votes=votes[source_id], ballot_points=points[source_id])
    counted = sum(1 for b in ballots if b.is_counted)
    Step.objects.filter(pk=step.pk).update(votes_count=counted, contributions_count=len(proposals))
    Project.objects.filter(pk=step.project_id).update(
        votes_count=counted, contributions_count=len(proposals), participants_count=len(users)
    )
