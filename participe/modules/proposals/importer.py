"""`participe import pabulib PATH.pb --instance DOMAIN`: a participatory budget from a pabulib file.

Creates a project with one collect step voted by budget, the file's projects as proposals
(cost, category, district, source id), one generated account per voter and the ballots,
all with bulk inserts. Importing the same file twice changes nothing.
"""

from collections import Counter

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from participe.accounts.models import User
from participe.modules.proposals import pabulib
from participe.modules.proposals.models import Ballot, BallotItem, Category, Proposal
from participe.participation.models import Status
from participe.projects.models import Project, Step
from participe.site.models import District

BATCH = 2000


def import_pabulib(path, instance, **options):
    election = pabulib.parse_file(path)
    meta = election.meta
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
    vote = {
        "type": "ranking" if meta.get("vote_type") == "ordinal" else "budget",
        "budget": str(election.budget),
        "min_choices": int(meta.get("min_length") or 0) or None,
        "max_choices": int(meta["max_length"]) if meta.get("max_length", "").isdigit() else None,
        "rule": "mes" if "equal" in meta.get("rule", "").lower() else "greedy",
    }
    return Step.objects.create(
        instance=instance,
        project=project,
        type="collect",
        title="Vote",
        slug="vote",
        settings={
            "vote": {k: v for k, v in vote.items() if v is not None},
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
    ranked = step.settings["vote"]["type"] == "ranking"
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
        size = len(vote["vote"])
        for rank, source_id in enumerate(vote["vote"], start=1):
            items.append(
                BallotItem(
                    instance=instance, ballot=ballot, proposal_id=proposals[source_id],
                    rank=rank if ranked else None, cost=costs[source_id],
                )
            )
            votes[source_id] += 1
            points[source_id] += size - rank + 1 if ranked else 0
    BallotItem.objects.bulk_create(items, batch_size=BATCH)
    for source_id, pk in proposals.items():
        if votes[source_id]:
            Proposal.objects.filter(pk=pk).update(ballot_votes=votes[source_id], ballot_points=points[source_id])
    counted = sum(1 for b in ballots if b.is_counted)
    Step.objects.filter(pk=step.pk).update(votes_count=counted, contributions_count=len(proposals))
    Project.objects.filter(pk=step.project_id).update(
        votes_count=counted, contributions_count=len(proposals), participants_count=len(users)
    )
