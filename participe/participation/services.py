"""The lifecycle of contributions shared by every module: first status, publication, edit history."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.participation.models import Contribution, Revision, Status
from participe.participation.signals import contribution_published


@dataclass(frozen=True)
class InitialStatus:
    status: str
    awaiting_confirmation: bool
    published_at: object = None

    def fields(self):
        return {
            "status": self.status,
            "awaiting_confirmation": self.awaiting_confirmation,
            "published_at": self.published_at,
        }

    def apply(self, contribution):
        for name, value in self.fields().items():
            setattr(contribution, name, value)
        return contribution


def initial_status(author, step=None, premoderated=False, draft=False):
    """The status a new contribution starts in.

    - a draft stays a draft;
    - an author whose e-mail is unconfirmed (or an anonymous participant, `author=None`) is
      kept aside (`awaiting_confirmation`) — as a draft, or as pending when moderated a priori —
      and goes on once the address is confirmed;
    - otherwise pending when moderated a priori (by the caller's rule or the step's setting
      `premoderation`), else published now.
    """
    premoderated = premoderated or bool(step is not None and (step.settings or {}).get("premoderation"))
    if draft:
        return InitialStatus(Status.DRAFT, False)
    confirmed = author is not None and author.email_confirmed
    if not confirmed:
        return InitialStatus(Status.PENDING if premoderated else Status.DRAFT, True)
    if premoderated:
        return InitialStatus(Status.PENDING, False)
    return InitialStatus(Status.PUBLISHED, False, timezone.now())


def release_awaiting(contribution):
    """Take a contribution out of `awaiting_confirmation`: publish it, or queue it for moderation."""
    contribution.awaiting_confirmation = False
    fields = ["awaiting_confirmation"]
    if contribution.status == Status.DRAFT:
        contribution.status, contribution.published_at = Status.PUBLISHED, timezone.now()
        fields += ["status", "published_at"]
    contribution.save(update_fields=fields)
    if contribution.status == Status.PUBLISHED:
        transaction.on_commit(lambda: _announce_published(contribution))
    return contribution


def _announce_published(contribution):
    # After the commit, the confirming request or job may have left the instance's scope.
    with in_instance(contribution.instance):
        contribution_published.send(sender=type(contribution), contribution=contribution)


def contribution_models():
    """Every concrete model built on `Contribution`, whichever module defines it."""
    return [model for model in apps.get_models() if issubclass(model, Contribution)]


def publish_awaiting_of(user):
    """Release what `user` wrote before confirming their e-mail, in every module."""
    released = 0
    with transaction.atomic():
        for model in contribution_models():
            for contribution in model._base_manager.select_for_update().filter(
                author=user, awaiting_confirmation=True
            ):
                release_awaiting(contribution)
                released += 1
    return released


def record_revision(obj, editor, old_values):
    """Keep the edit history: `old_values` maps field names to their values before the edit.

    Returns the Revision, or None when nothing changed."""
    changes = {}
    for field, old in old_values.items():
        new = getattr(obj, field)
        if new != old:
            changes[field] = {"old": old, "new": new}
    if not changes:
        return None
    return Revision.objects.create(
        instance_id=obj.instance_id,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        editor=editor,
        changes=changes,
    )


def history(obj):
    """The revisions of `obj`, newest first, with their editors."""
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("editor")
