"""Counting the people who take part in a project, once each, without counting per view."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from participe.core.sql import insert_or_ignore
from participe.participation.models import ProjectParticipant
from participe.projects.models import Project


def add_participant(user, project_id):
    """Insert `user`'s participant row; True the first time only. The caller bumps the counter in
    the same transaction (the vote engine folds it into its own project update)."""
    row = {"instance": user.instance_id, "project": project_id, "user": user.pk, "first_seen_at": timezone.now()}
    # The unique constraint settles parallel requests of the same person: one insert wins.
    return insert_or_ignore(ProjectParticipant, row) is not None


def note_participant(user, project_id):
    """Record that `user` took part in the project; bump the kept counter the first time only."""
    if user is None or not getattr(user, "is_authenticated", False) or project_id is None:
        return False
    with transaction.atomic():
        if not add_participant(user, project_id):
            return False
        Project._base_manager.filter(pk=project_id).update(participants_count=F("participants_count") + 1)
    return True


def note_participant_in_step(user, step):
    if step is not None:
        note_participant(user, step.project_id)


def on_contribution_published(sender, contribution, **kwargs):
    step = getattr(contribution, "step", None)
    if contribution.author_id and step is not None:
        note_participant(contribution.author, step.project_id)
