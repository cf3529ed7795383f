"""Analysis of proposals: assignment, evaluations, decisions, revisions and merges."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from participe.core.mail import send_email
from participe.follows.models import Follow
from participe.modules.proposals.evaluation_form import store_answers
from participe.modules.proposals.models import AnalysisState, Evaluation, Proposal
from participe.modules.proposals.step_votes import recount
from participe.notifications.followers import announce_status
from participe.notifications.services import tell_author
from participe.participation.models import Status
from participe.votes.models import Vote


def can_analyse(user, proposal):
    if not user.is_authenticated:
        return False
    if user.is_instance_admin or user.is_superuser:
        return True
    return user.is_analyst and (
        proposal.supervisor_id == user.pk
        or proposal.decision_maker_id == user.pk
        or proposal.analysts.filter(pk=user.pk).exists()
    )


def can_decide(user, proposal):
    return user.is_authenticated and (
        user.is_instance_admin or user.is_superuser or (user.is_analyst and proposal.decision_maker_id == user.pk)
    )


@transaction.atomic
def assign(proposal, *, analysts=(), supervisor=None, decision_maker=None):
    proposal.analysts.set(analysts)
    proposal.supervisor, proposal.decision_maker = supervisor, decision_maker
    proposal.save(update_fields=["supervisor", "decision_maker", "updated_at"])
    for person in {*analysts, supervisor, decision_maker} - {None}:
        if person.email:
            send_email(proposal.instance, person.email, "proposals/assigned", {"proposal": proposal, "user": person})


def can_read_evaluations(user, proposal):
    """The supervisor, the decision maker and administrators read every analyst's evaluation."""
    return user.is_authenticated and (
        user.is_instance_admin or user.is_superuser
        or (user.is_analyst and user.pk in (proposal.supervisor_id, proposal.decision_maker_id))
    )


@transaction.atomic
def evaluate(proposal, analyst, *, state, revised_cost=None, note="", questions=None):
    """Record `analyst`'s evaluation (one per analyst and proposal: a database constraint), with the
    answers to the step's evaluation form when it has one (`questions`, a valid form-engine form)."""
    evaluation, _created = Evaluation.objects.update_or_create(
        proposal=proposal,
        analyst=analyst,
        defaults={"state": state, "revised_cost": revised_cost, "note": note, "instance_id": proposal.instance_id},
    )
    if questions is not None:
        store_answers(evaluation, questions, analyst)
    proposal.analysis_state = state
    fields = ["analysis_state", "updated_at"]
    if revised_cost is not None:
        proposal.revised_cost = revised_cost
        fields.append("revised_cost")
    proposal.save(update_fields=fields)
    return evaluation


@transaction.atomic
def decide(proposal, *, decision, official_answer, publish_at=None, now=None):
    """Record the decision; it becomes public now, or at `publish_at` (the scheduled job publishes it)."""
    now = now or timezone.now()
    proposal.decision, proposal.official_answer = decision, official_answer
    proposal.decision_publish_at = publish_at
    fields = ["decision", "official_answer", "decision_publish_at", "updated_at"]
    proposal.save(update_fields=fields)
    if publish_at is None or publish_at <= now:
        publish_decision(proposal, now)


def publish_decision(proposal, now=None):
    updated = Proposal.objects.filter(pk=proposal.pk, decision_published_at=None).update(
        decision_published_at=now or timezone.now()
    )
    if updated:
        if proposal.official_answer:
            tell_author(proposal, "contribution_answered", {"actor": proposal.instance.name})
        announce_status(proposal, proposal.get_decision_display())
    return bool(updated)


def publish_due_decisions(now=None):
    """Publish every decision whose date has come (run by Celery beat)."""
    now = now or timezone.now()
    due = Proposal.objects.filter(decision_published_at=None, decision_publish_at__lte=now).exclude(decision="")
    count = 0
    for proposal in due.select_related("author", "instance"):
        count += publish_decision(proposal, now)
    return count


@transaction.atomic
def ask_revision(proposal, *, reason, deadline):
    proposal.revision_reason, proposal.revision_deadline = reason, deadline
    proposal.save(update_fields=["revision_reason", "revision_deadline", "updated_at"])
    if proposal.author_id and proposal.author.email:
        send_email(proposal.instance, proposal.author.email, "proposals/revision", {"proposal": proposal})


@transaction.atomic
def merge(duplicates, into):
    """Merge duplicate proposals into `into`: their support votes, followers and authors move to it.

    A voter who supported both keeps a single vote; the duplicates stay readable, pointing to `into`."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Proposal)
    into = Proposal.objects.select_for_update().get(pk=into.pk)
    merged = []
    for duplicate in duplicates:
        if duplicate.pk == into.pk:
            continue
        # One vote per person and per step: a vote on the duplicate moves unless its voter already
        # voted for the kept proposal in that same step.
        duplicate_votes = Vote.objects.filter(content_type=content_type, object_id=duplicate.pk)
        moved_counted = 0
        for step_id in set(duplicate_votes.values_list("step_id", flat=True)):
            already = Vote.objects.filter(content_type=content_type, object_id=into.pk, step_id=step_id)
            moving = duplicate_votes.filter(step_id=step_id).exclude(voter_id__in=already.values("voter_id"))
            moved_counted += moving.filter(is_counted=True).count()
            moving.update(object_id=into.pk)
        Vote.objects.filter(content_type=content_type, object_id=duplicate.pk).delete()
        Proposal._base_manager.filter(pk=into.pk).update(votes_total=F("votes_total") + moved_counted)
        _move_followers(content_type, duplicate, into)
        if duplicate.author_id and duplicate.author_id != into.author_id:
            into.co_authors.add(duplicate.author_id)
        into.co_authors.add(*duplicate.co_authors.all())
        Proposal._base_manager.filter(pk=duplicate.pk).update(merged_into=into, votes_total=0, status=Status.PUBLISHED)
        merged.append(duplicate.pk)
        if duplicate.author_id and duplicate.author.email:
            send_email(duplicate.instance, duplicate.author.email, "proposals/merged", {"proposal": duplicate, "into": into})
    recount([into.pk, *merged])
    into.refresh_from_db()
    return into


def _move_followers(content_type, duplicate, into):
    already = Follow.objects.filter(content_type=content_type, object_id=into.pk).values("user_id")
    Follow.objects.filter(content_type=content_type, object_id=duplicate.pk).exclude(user_id__in=already).update(
        object_id=into.pk
    )
    Follow.objects.filter(content_type=content_type, object_id=duplicate.pk).delete()


__all__ = [
    "AnalysisState", "assign", "ask_revision", "can_analyse", "can_decide", "can_read_evaluations", "decide",
    "evaluate", "merge",
]
