"""A vote is a handful of plain statements, the same on every engine, and keeps every count exact.

The numbers below are the budget: a test fails when a vote kind needs one statement more."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Opinion
from participe.modules.proposals.models import Proposal, ProposalStepVotes
from participe.modules.proposals.selection import select
from participe.participation.models import ProjectParticipant
from participe.projects.models import Project, Step
from participe.votes import tallies
from participe.votes.models import Vote
from participe.votes.services import Outcome, cast_vote, withdraw_vote
from tests.conftest import host_client, make_user
from tests.consultation.conftest import build_consultation
from tests.parallel import run_in_parallel
from tests.proposals.conftest import make_proposal, make_step

JSON = {"HTTP_ACCEPT": "application/json"}


def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL")


def written(queries):
    """The statements a service sent, without the savepoints of the test's own transaction (in production
    the service's transaction is BEGIN and COMMIT, which Django does not log)."""
    return [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


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
    tallies.recount()  # the minute's recount of the step's and project's totals
    with in_instance(instance):
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
def test_a_vote_is_three_or_four_statements(instance_a):
    """A first vote, a change and a withdrawal, counted inside the engine: the target, its step and project
    are loaded as the vote URL loads them (`participation.access.declared_target`), and the content types
    are cached per process, as in a running server. No vote writes the step's or project's vote totals."""
    built = build_consultation(instance_a, "open", opinions=2)
    zero_counters(built)
    voter, other = make_user(instance_a, "v1@a.test"), make_user(instance_a, "v2@a.test")
    with in_instance(instance_a):
        first = Opinion.objects.select_related("section", "step__project").get(pk=built["opinions"][0].pk)
        ContentType.objects.get_for_model(Opinion)
        with CaptureQueriesContext(connection) as queries:
            result = cast_vote(voter, first, 1)
        # the vote, the participant row, the project's participant counter (a newcomer), the opinion's counters
        assert len(written(queries)) == 4, written(queries)
        assert not any(Step._meta.db_table in sql for sql in written(queries))
        assert result.outcome == Outcome.CREATED and Vote.objects.get(pk=result.vote.pk).value == 1
        second = Opinion.objects.select_related("section", "step__project").get(pk=built["opinions"][1].pk)
        with CaptureQueriesContext(connection) as queries:
            cast_vote(voter, second, 1)
        # a voter already taking part: the vote, the participant row found there, the opinion's counters
        assert len(written(queries)) == 3, written(queries)
        withdraw_vote(voter, second)
        cast_vote(other, first, 0)
        with CaptureQueriesContext(connection) as queries:
            changed = cast_vote(voter, first, -1)
        # the insert that finds the vote, its locked read, its update, the opinion's counters
        assert len(written(queries)) == 4, written(queries)
        assert changed.outcome == Outcome.CHANGED and Vote.objects.get(pk=result.vote.pk).value == -1
        with CaptureQueriesContext(connection) as queries:
            assert cast_vote(voter, first, -1).outcome == Outcome.UNCHANGED
        assert len(written(queries)) == 2, written(queries)
        with CaptureQueriesContext(connection) as queries:
            assert withdraw_vote(voter, first)
        # the locked read, the delete, the opinion's counters
        assert len(written(queries)) == 3, written(queries)
        assert Project.objects.get(pk=built["project"].pk).participants_count == 2
    counters_match_the_rows(instance_a, built)


@pytest.mark.django_db
def test_an_idea_box_support_is_at_most_four_statements(instance_a):
    """A proposal's count in its collect step is its own `votes_total`: a support moves that column only, and
    the proposal's voting step is known without reading its selections."""
    step = make_step(instance_a, vote={"type": "support"})
    proposal, opener = make_proposal(step, "A"), make_user(instance_a, "opener@a.test")
    voter = make_user(instance_a, "idea@a.test")
    with in_instance(instance_a):
        cast_vote(opener, proposal, 1)
        proposal = Proposal.objects.select_related("step__project").get(pk=proposal.pk)
        ContentType.objects.get_for_model(Proposal)
        with CaptureQueriesContext(connection) as queries:
            assert proposal.voting_step == step  # the vote URL's checks ask it before the vote
            assert cast_vote(voter, proposal, 1).outcome == Outcome.CREATED
        statements = written(queries)
        # the vote, the participant row, the project's participant counter (a newcomer), the proposal's counter
        assert len(statements) == 4, statements
        assert not any(ProposalStepVotes._meta.db_table in sql or "proposals_selection" in sql for sql in statements)
        with CaptureQueriesContext(connection) as queries:
            assert withdraw_vote(voter, proposal)
        assert len(written(queries)) == 3, written(queries)
        assert Proposal.objects.get(pk=proposal.pk).votes_total == 1
        assert not ProposalStepVotes.objects.filter(proposal=proposal).exists()


@pytest.mark.django_db
def test_a_support_in_a_selection_step_is_three_statements_on_the_step_row(instance_a):
    """Voted again in a selection step, a proposal counts there in its own row, not in `votes_total`."""
    collect = make_step(instance_a, vote={"type": "support"})
    selection = make_step(instance_a, vote={"type": "support"}, slug="selection", step_type="selection")
    proposal, opener = make_proposal(collect, "A"), make_user(instance_a, "opener@a.test")
    voter = make_user(instance_a, "again@a.test")
    with in_instance(instance_a):
        select([proposal], selection)
        cast_vote(opener, Proposal.objects.get(pk=proposal.pk), 1)
        cast_vote(voter, Proposal.objects.get(pk=proposal.pk), 1)  # the voter takes part in the project
        withdraw_vote(voter, Proposal.objects.get(pk=proposal.pk))
        proposal = Proposal.objects.select_related("step__project").get(pk=proposal.pk)
        assert proposal.voting_step == selection
        with CaptureQueriesContext(connection) as queries:
            assert cast_vote(voter, proposal, 1).outcome == Outcome.CREATED
        # the vote, the participant row found there, the proposal's row in the selection step
        assert len(written(queries)) == 3, written(queries)
        assert Proposal.objects.get(pk=proposal.pk).votes_total == 0
        assert ProposalStepVotes.objects.get(proposal=proposal, step=selection).votes_total == 2


@pytest.mark.django_db
def test_the_json_answer_shows_the_counters_without_reading_them_back(instance_a):
    """The answer's counts are the target as the request loaded it plus this vote: one read of the opinion."""
    built = build_consultation(instance_a, "open", opinions=1)
    zero_counters(built)
    voter, other = make_user(instance_a, "json@a.test"), make_user(instance_a, "json2@a.test")
    opinion = built["opinions"][0]
    with in_instance(instance_a):
        cast_vote(other, opinion, 0)  # made elsewhere: the answer must show it
    url = f"/votes/{ContentType.objects.get_for_model(Opinion).pk}/{opinion.pk}/"
    client = host_client("a.test", voter)
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(url, {"value": "1"}, **JSON).json()
    assert answer["counts"] == {"votes_total": 2, "votes_agree": 1, "votes_mitigated": 1, "votes_disagree": 0}
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and 'FROM "consultation_opinion"' in q["sql"]]
    assert len(reads) == 1, reads
    with CaptureQueriesContext(connection) as queries:
        changed = client.post(url, {"value": "-1"}, **JSON).json()
    assert changed["counts"] == {"votes_total": 2, "votes_agree": 0, "votes_mitigated": 1, "votes_disagree": 1}


@pytest.mark.django_db
def test_an_unconfirmed_vote_is_kept_uncounted(instance_a):
    built = build_consultation(instance_a, "open", opinions=1)
    zero_counters(built)
    voter = make_user(instance_a, "late@a.test", confirmed=False)
    with in_instance(instance_a):
        result = cast_vote(voter, built["opinions"][0], 1)
        assert not result.vote.is_counted
    counters_match_the_rows(instance_a, built)


@pytest.mark.django_db(transaction=True)
def test_parallel_first_votes_changes_and_withdrawals_keep_counts_exact(instance_a):
    """16 voters at once on the same two articles: first votes and changes race with withdrawals on the
    same step and project rows; no deadlock, no drift."""
    postgres_only()
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
    postgres_only()
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
