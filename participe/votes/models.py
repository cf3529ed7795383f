"""Votes and the counters they keep on the voted objects."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import InstanceOwned


class VoteCounters(models.Model):
    """Counted votes on an object, kept by `participe.votes.services` in the voting transaction.

    No index may hold a counter: every vote updates them, and on PostgreSQL an update that changes an
    indexed column writes a new entry in every index of the table, where one that changes none stays
    on its page (a HOT update). Sorts by votes run on the rows an indexed filter has already chosen.
    """

    votes_total = models.PositiveIntegerField(_("votes"), default=0, editable=False)

    class Meta:
        abstract = True


class AgreeCounters(VoteCounters):
    votes_agree = models.PositiveIntegerField(_("agree"), default=0, editable=False)
    votes_mitigated = models.PositiveIntegerField(_("mitigated"), default=0, editable=False)
    votes_disagree = models.PositiveIntegerField(_("disagree"), default=0, editable=False)

    class Meta:
        abstract = True


class ForAgainstCounters(VoteCounters):
    votes_for = models.PositiveIntegerField(_("for"), default=0, editable=False)
    votes_against = models.PositiveIntegerField(_("against"), default=0, editable=False)

    class Meta:
        abstract = True


class LikeCounters(VoteCounters):
    """Likes are single-valued: `votes_total` is the number of likes."""

    class Meta:
        abstract = True

    @property
    def likes_count(self):
        return self.votes_total


class UsefulCounters(VoteCounters):
    class Meta:
        abstract = True

    @property
    def useful_count(self):
        return self.votes_total


class Vote(InstanceOwned):
    """One voter's choice on one object (within one step when the object is voted in several steps)."""

    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes", verbose_name=_("voter")
    )
    # No index of its own: `vote_target` (content type, object) serves it, one index fewer per vote.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", db_index=False)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    step = models.ForeignKey(
        "projects.Step", null=True, blank=True, on_delete=models.CASCADE, related_name="votes", verbose_name=_("step")
    )
    value = models.SmallIntegerField(_("value"))
    # False while the voter's e-mail is unconfirmed: kept, counted once the address is confirmed.
    is_counted = models.BooleanField(_("counted"), default=True)
    created_at = models.DateTimeField(_("cast at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            # The database, not the application, guarantees one vote per voter per object (per step).
            models.UniqueConstraint(
                fields=["voter", "content_type", "object_id"],
                condition=Q(step__isnull=True),
                name="one_vote_per_voter_per_object",
            ),
            models.UniqueConstraint(
                fields=["voter", "content_type", "object_id", "step"],
                condition=Q(step__isnull=False),
                name="one_vote_per_voter_per_object_per_step",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="vote_target")]

    def __str__(self):
        return f"{self.voter_id} → {self.content_type_id}:{self.object_id} = {self.value}"
