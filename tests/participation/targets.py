"""Votable models that exist only in the test database, one per counter mixin.

The engine is generic: these stand in for the modules' models (opinions vote agree3,
proposals support, arguments for/against) without making the tests depend on modules
built elsewhere. They live under the `votes` app label so content types resolve them,
have no database foreign keys (the flush of transactional tests truncates freely) and
their tables are created by the `participation_test_tables` fixture.
"""

from django.db import models

from participe.participation.registry import participation
from participe.votes.models import AgreeCounters, ForAgainstCounters, VoteCounters


class _Target(models.Model):
    instance = models.ForeignKey(
        "instances.Instance", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    step = models.ForeignKey(
        "projects.Step", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    title = models.CharField(max_length=100, default="target")

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/targets/{self.pk}/"


class SupportTarget(_Target, VoteCounters):
    class Meta:
        app_label = "votes"
        db_table = "tests_votes_support_target"


class AgreeTarget(_Target, AgreeCounters):
    class Meta:
        app_label = "votes"
        db_table = "tests_votes_agree_target"


class ForAgainstTarget(_Target, ForAgainstCounters):
    class Meta:
        app_label = "votes"
        db_table = "tests_votes_for_against_target"


class NaiveVote(models.Model):
    """A vote table without the unique constraint, for the naive path the concurrency test must catch."""

    voter_id = models.BigIntegerField()
    target_id = models.BigIntegerField()
    value = models.SmallIntegerField()

    class Meta:
        app_label = "votes"
        db_table = "tests_votes_naive_vote"

    def __str__(self):
        return f"{self.voter_id} → {self.target_id}"


TEST_MODELS = [SupportTarget, AgreeTarget, ForAgainstTarget, NaiveVote]

participation.declare(SupportTarget, votable="support", commentable=True)
participation.declare(AgreeTarget, votable="agree3", commentable=True)
participation.declare(ForAgainstTarget, votable="for_against")
