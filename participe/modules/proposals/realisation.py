"""The public follow-up of selected proposals' realisation: progress steps, and the followers told of each new one.

A proposal is followed up once it is accepted (decision published or not), moved into a selection step, or
already has a progress step. Its latest figures (percentage, budget spent) are those of its most recent
progress step that gives them."""

from django.db import transaction
from django.db.models import Max, Q

from participe.modules.proposals.models import Decision, ProgressStep, Proposal
from participe.notifications.followers import notify_followers
from participe.notifications.services import tell_author
from participe.participation.models import Status


def followed_up(step, user=None):
    """The proposals of `step` (its own, or moved into it) whose realisation is followed, with their timeline.

    With `user`, only those this person may see (a private call for projects shows its authors their own)."""
    in_step = Q(step=step) | Q(selections__step=step)
    chosen = Q(decision=Decision.ACCEPTED) | Q(selections__step=step) | Q(progress_steps__isnull=False)
    queryset = Proposal.objects.visible_to(user, step) if user is not None else Proposal.objects.all()
    proposals = list(
        queryset.filter(in_step & chosen, status=Status.PUBLISHED)
        .annotate(last_update=Max("progress_steps__updated_at"))
        .distinct()
        .order_by("title", "pk")
    )
    by_proposal = {}
    for item in ProgressStep.objects.filter(proposal__in=proposals).order_by("position", "starts_on", "pk"):
        by_proposal.setdefault(item.proposal_id, []).append(item)
    for proposal in proposals:
        proposal.timeline = by_proposal.get(proposal.pk, [])
        proposal.progress = summary(proposal.timeline)
    return proposals


def summary(timeline):
    """{percentage, budget_spent, current}: the latest figures given along the timeline and the current stage."""
    percentage = budget_spent = None
    for item in sorted(timeline, key=lambda i: (i.created_at, i.pk)):
        percentage = item.percentage if item.percentage is not None else percentage
        budget_spent = item.budget_spent if item.budget_spent is not None else budget_spent
    current = next((item for item in timeline if not item.is_done), timeline[-1] if timeline else None)
    return {"percentage": percentage, "budget_spent": budget_spent, "current": current}


@transaction.atomic
def save_progress(form, proposal, actor):
    """Save a progress step of `proposal`; a new one is news for the proposal's author and followers."""
    item = form.save(commit=False)
    creating = item.pk is None
    if creating:
        item.proposal, item.instance_id = proposal, proposal.instance_id
    item.save()
    if creating:
        progress = item.title if item.percentage is None else f"{item.title} ({item.percentage} %)"
        tell_author(proposal, "realisation_progress", {"progress": progress}, actor=actor)
        notify_followers(proposal, "realisation_progress", {"progress": progress}, actor=proposal.author or actor)
    return item
