"""A first vote written in one PostgreSQL statement (participe.votes.one_statement) keeps every count exact."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Opinion
from participe.participation.models import ProjectParticipant
from participe.projects.models import Project, Step
from participe.votes.models import Vote
from participe.votes.services import Outcome, cast_vote, withdraw_vote
from tests.conftest import make_user
from tests.consultation.conftest import build_consultation
from tests.parallel import run_in_parallel

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("data-modifying CTEs are PostgreSQL's; SQLite takes the general path")


def counters_match_the_rows(instance, built):
    """Every kept counter equals what the vote and participant rows say."""
    with in_instance(instance):
        for opinion in Opinion.objects.filter(pk__in=[o.pk for o in built["opinions"]]):
            rows = Vote.objects.filter(object_id=opinion.pk, content_type__model="opinion", is_counted=True).aggregate(
                total=Count("pk"), agree=Count("pk", filter=Q(value=1)), mitigated=Count("pk", filter=Q(value=0)),
                disagree=Count("pk", filter=Q(value=-1)),
            )
            assert (opinion.votes_total, opinion.votes_agree, opinion.votes_mitigated, opinion.votes_disagree) == (
                rows["total"], rows["agree"], rows["mitigated"], rows["disagree"]
            ), opinion
        counted = Vote.objects.filter(step=built["step"], is_counted=True).count()
        assert Step.objects.get(pk=built["step"].pk).votes_count == counted
        project = Project.objects.get(pk=built["project"].pk)
        assert project.votes_count == counted
        assert project.participants_count == ProjectParticipant.objects.filter(project=project).count()


def zero_counters(built):
    Opinion._base_manager.filter(pk__in=[o.pk for o in built["opinions"]]).update(
        votes_total=0, votes_agree=0, votes_mitigated=0, votes_disagree=0
    )
    for opinion in built["opinions"]:
        opinion.refresh_from_db()


@pytest.mark.django_db
def test_a_first_vote_is_one_statement_and_moves_every_counter(instance_a):
    built = build_consultation(instance_a, "open", opinions=2)
    zero_counters(built)
    first, second = built["opinions"]
    voter, other = make_user(instance_a, "v1@a.test"), make_user(instance_a, "v2@a.test")
    with in_instance(instance_a):
        # Loaded as the vote URL loads it (participation.access.declared_target): with what the checks read.
        first = Opinion.objects.select_related("section", "step__project").get(pk=first.pk)
        ContentType.objects.get_for_model(Opinion)  # cached per process, as in a running server
        with CaptureQueriesContext(connection) as queries:
            result = cast_vote(voter, first, 1)
        assert len(queries) == 1, [q["sql"] for q in queries]
        assert result.outcome == Outcome.CREATED and result.counters_fresh
        assert (first.votes_total, first.votes_agree) == (1, 1)  # read back by the write itself
        assert Vote.objects.get(pk=result.vote.pk).value == 1
        cast_vote(voter, second, -1)  # the same participant: counted once in the project
        cast_vote(other, first, 0)
        with CaptureQueriesContext(connection) as queries:
            changed = cast_vote(voter, first, -1)  # the insert finds the vote: one locked change, then its counters
        statements = [q["sql"].split()[0] for q in queries if "SAVEPOINT" not in q["sql"]]  # the test's transaction
        assert statements == ["WITH", "UPDATE", "UPDATE"], [q["sql"] for q in queries]
        assert changed.outcome == Outcome.CHANGED and changed.counters_fresh
        assert (first.votes_total, first.votes_agree, first.votes_mitigated, first.votes_disagree) == (2, 0, 1, 1)
        assert Vote.objects.get(pk=result.vote.pk).value == -1
        assert cast_vote(voter, first, -1).outcome == Outcome.UNCHANGED
        withdraw_vote(other, first)
        assert Project.objects.get(pk=built["project"].pk).participants_count == 2
    counters_match_the_rows(instance_a, built)


@pytest.mark.django_db
def test_an_unconfirmed_vote_is_kept_uncounted(instance_a):
    built = build_consultation(instance_a, "open", opinions=1)
    zero_counters(built)
    voter = make_user(instance_a, "late@a.test", confirmed=False)
    with in_instance(instance_a):
        result = cast_vote(voter, built["opinions"][0], 1)
        assert not result.vote.is_counted and not result.counters_fresh
    counters_match_the_rows(instance_a, built)


@pytest.mark.django_db(transaction=True)
def test_parallel_first_votes_changes_and_withdrawals_keep_counts_exact(instance_a):
    """16 voters at once on the same two articles: first votes and changes (one statement each) race with
    withdrawals (general path) on the same step and project rows; no deadlock, no drift."""
    built = build_consultation(instance_a, "open", opinions=2)
    zero_counters(built)
    voters = [make_user(instance_a, f"p{n}@a.test") for n in range(16)]

    def work(index):
        for round_number in range(10):
            for opinion in built["opinions"]:
                cast_vote(voters[index], opinion, (index + round_number) % 3 - 1)
            if round_number % 3 == index % 3:
                withdraw_vote(voters[index], built["opinions"][round_number % 2])

    assert run_in_parallel(len(voters), work, instance_a) == []
    counters_match_the_rows(instance_a, built)


@pytest.mark.django_db(transaction=True)
def test_one_voter_changing_in_parallel_moves_each_counter_once_per_change(instance_a):
    """The same voter's double clicks and quick changes race on one vote row: each change moves the
    counters from the value it replaced, never from a value another request had already replaced."""
    built = build_consultation(instance_a, "open", opinions=1)
    zero_counters(built)
    voter = make_user(instance_a, "quick@a.test")
    opinion = built["opinions"][0]
    with in_instance(instance_a):
        cast_vote(voter, opinion, 0)

    def work(index):
        for round_number in range(15):
            cast_vote(voter, opinion, (index + round_number) % 3 - 1)

    assert run_in_parallel(8, work, instance_a) == []
    counters_match_the_rows(instance_a, built)
    with in_instance(instance_a):
        assert Opinion.objects.get(pk=opinion.pk).votes_total == 1


@pytest.mark.django_db
def test_the_vote_statement_is_prepared_once_per_connection(instance_a):
    """Outside DEBUG and query logging, the statement goes through a server-binding cursor: PostgreSQL
    plans it once per connection, and the values still land typed and counted."""
    built = build_consultation(instance_a, "open", opinions=3)
    zero_counters(built)
    voters = [make_user(instance_a, "prepared@a.test"), make_user(instance_a, "prepared2@a.test")]
    assert not connection.queries_logged
    with in_instance(instance_a):
        opinions = [Opinion.objects.select_related("section", "step__project").get(pk=o.pk) for o in built["opinions"]]
        results = [
            cast_vote(voter, opinion, value)
            for voter in voters for opinion, value in zip(opinions, (1, 0, -1), strict=True)
        ]
    assert [r.outcome for r in results] == [Outcome.CREATED] * 6 and all(r.counters_fresh for r in results)
    assert [(o.votes_total, o.votes_agree, o.votes_mitigated, o.votes_disagree) for o in opinions] == [
        (2, 2, 0, 0), (2, 0, 2, 0), (2, 0, 0, 2)
    ]
    with connection.cursor() as cursor:  # one statement per counter a vote moves, each prepared once
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["WITH new_vote AS%"])
        assert cursor.fetchone()[0] == 3
    counters_match_the_rows(instance_a, built)
