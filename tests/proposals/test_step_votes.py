"""Support votes in selection steps: a proposal is voted in the step open now, each step keeps its own count."""

import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Proposal, ProposalStepVotes
from participe.modules.proposals.selection import select
from participe.projects.models import Step
from participe.votes.models import Vote
from participe.votes.services import cast_vote
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step

JSON = {"HTTP_ACCEPT": "application/json"}
SUPPORT = {"type": "support"}


def _vote_url(proposal):
    return f"/votes/{ContentType.objects.get_for_model(Proposal).pk}/{proposal.pk}/"


def _set_dates(step, starts, ends):
    with in_instance(step.instance):
        Step.objects.filter(pk=step.pk).update(starts_at=starts, ends_at=ends)
        step.refresh_from_db()


def _close(step):
    now = timezone.now()
    _set_dates(step, now - timedelta(days=10), now - timedelta(days=1))


def _counts(proposal):
    """{step id: counted supports}: the collect step's is the proposal's own `votes_total`, a selection step's
    its `ProposalStepVotes` row."""
    with in_instance(proposal.instance):
        counts = dict(ProposalStepVotes.objects.filter(proposal=proposal).values_list("step_id", "votes_total"))
        step_id, own = Proposal.objects.values_list("step_id", "votes_total").get(pk=proposal.pk)
    return {step_id: own, **counts} if own else counts


def _shown_counts(html):
    return [int(n) for n in re.findall(rb'class="vote-button__count">(\d+)<', html)]


@pytest.fixture
def steps(instance_a):
    collect = make_step(instance_a, vote=SUPPORT, slug="depot")
    selection = make_step(instance_a, vote=SUPPORT, slug="selection", step_type="selection")
    with in_instance(instance_a):
        Step.objects.filter(pk=selection.pk).update(position=1)
        selection.refresh_from_db()
    return collect, selection


@pytest.mark.django_db
def test_support_vote_in_a_selection_step_counts_there_and_not_in_the_collect_step(instance_a, participant_a, steps):
    collect, selection = steps
    proposal = make_proposal(collect)
    other = make_user(instance_a, "autre@a.test")
    url = _vote_url(proposal)
    # Collect step open: the vote counts in the collect step.
    assert host_client("a.test", participant_a).post(url, {"value": "1"}).status_code == 302
    assert _counts(proposal) == {collect.pk: 1}
    # The collect step closes, the proposal moves into the open selection step: votes go there.
    _close(collect)
    with in_instance(instance_a):
        select([proposal], selection)
    response = host_client("a.test", participant_a).post(url, {"value": "1"}, **JSON)
    assert response.status_code == 200 and response.json()["counts"] == {"votes_total": 1}
    assert host_client("a.test", other).post(url, {"value": "1"}).status_code == 302
    assert _counts(proposal) == {collect.pk: 1, selection.pk: 2}
    with in_instance(instance_a):
        assert set(Vote.objects.filter(object_id=proposal.pk).values_list("voter_id", "step_id")) == {
            (participant_a.pk, collect.pk), (participant_a.pk, selection.pk), (other.pk, selection.pk)
        }
    # Each step's page shows its own count; the proposal page shows both.
    client = host_client("a.test", other)
    assert _shown_counts(client.get(f"/proposals/step/{selection.pk}/").content) == [2]
    assert _shown_counts(client.get(f"/proposals/step/{collect.pk}/").content) == [1]
    detail = client.get(f"/proposals/{proposal.pk}/").content
    assert _shown_counts(detail) == [2] and b"1 vote" in detail
    # Withdrawing in the selection step leaves the collect count alone (JSON: the step's count).
    response = client.post(url, {"withdraw": "1"}, **JSON)
    assert response.json()["counts"] == {"votes_total": 1}
    assert _counts(proposal) == {collect.pk: 1, selection.pk: 1}


@pytest.mark.django_db
def test_voting_in_a_closed_or_future_step_is_refused(instance_a, participant_a, steps):
    collect, selection = steps
    proposal = make_proposal(collect)
    client = host_client("a.test", participant_a)
    _close(collect)
    # Not selected anywhere, collect closed: refused.
    assert client.post(_vote_url(proposal), {"value": "1"}, **JSON).status_code == 403
    # Selected into a step that opens tomorrow: still refused, nothing filed under another step.
    now = timezone.now()
    _set_dates(selection, now + timedelta(days=1), now + timedelta(days=5))
    with in_instance(instance_a):
        select([proposal], selection)
    assert client.post(_vote_url(proposal), {"value": "1"}).status_code == 403
    with in_instance(instance_a):
        assert not Vote.objects.filter(object_id=proposal.pk).exists()
    assert _counts(proposal) == {}
    # The selection step opens: the vote is accepted there.
    _set_dates(selection, now - timedelta(days=1), now + timedelta(days=5))
    assert client.post(_vote_url(proposal), {"value": "1"}, **JSON).status_code == 200
    assert _counts(proposal) == {selection.pk: 1}


@pytest.mark.django_db
def test_selection_list_shows_and_sorts_by_its_own_counts_with_constant_queries(instance_a, participant_a, steps):
    collect, selection = steps
    voters = [make_user(instance_a, f"v{n}@a.test") for n in range(3)]

    def fill(count):
        proposals = [make_proposal(collect, f"Idée {count}-{n}") for n in range(count)]
        with in_instance(instance_a):
            select(proposals, selection)
            # Collect votes favour the first proposal, selection votes the last one.
            for voter in voters:
                cast_vote(voter, proposals[0], 1, step=collect)
            for voter in voters[:2]:
                cast_vote(voter, proposals[-1], 1)
        return proposals

    client = host_client("a.test", participant_a)
    small = fill(3)
    client.get(f"/proposals/step/{selection.pk}/")  # warm the per-process caches (domain, content types)
    with CaptureQueriesContext(connection) as few:
        page = client.get(f"/proposals/step/{selection.pk}/?sort=votes")
    titles = re.findall(rb'id="proposal-\d+-title"><a href="[^"]+">([^<]+)<', page.content)
    assert titles[0] == small[-1].title.encode()
    assert sorted(_shown_counts(page.content)) == [0, 0, 2]
    fill(60)
    with CaptureQueriesContext(connection) as many:
        page = client.get(f"/proposals/step/{selection.pk}/?sort=votes")
    assert page.content.count(b'class="proposal-card"') == 50
    assert len(many) == len(few)
    assert _shown_counts(page.content)[:2] == [2, 2]


@pytest.mark.django_db
def test_votes_of_an_unconfirmed_voter_count_in_their_step_once_confirmed(instance_a, steps):
    from participe.accounts.signals import email_confirmed

    collect, selection = steps
    proposal = make_proposal(collect)
    _close(collect)
    with in_instance(instance_a):
        select([proposal], selection)
    newcomer = make_user(instance_a, "nouveau@a.test", confirmed=False)
    assert host_client("a.test", newcomer).post(_vote_url(proposal), {"value": "1"}).status_code == 302
    assert _counts(proposal) == {}
    with in_instance(instance_a):
        newcomer.email_confirmed_at = timezone.now()
        newcomer.save()
        email_confirmed.send(sender=type(newcomer), user=newcomer)
    assert _counts(proposal) == {selection.pk: 1}


@pytest.mark.django_db
def test_a_merge_keeps_one_vote_per_person_and_step(instance_a, admin_a, steps):
    collect, selection = steps
    keep, duplicate = make_proposal(collect, "Gardée"), make_proposal(collect, "Doublon")
    both, only_duplicate = make_user(instance_a, "deux@a.test"), make_user(instance_a, "un@a.test")
    with in_instance(instance_a):
        for voter in (both, only_duplicate):
            cast_vote(voter, duplicate, 1, step=collect)
            cast_vote(voter, duplicate, 1, step=selection)
        cast_vote(both, keep, 1, step=collect)
    response = host_client("a.test", admin_a).post(
        f"/proposals/{keep.pk}/analysis/", {"form": "merge", "duplicates": str(duplicate.pk)}
    )
    assert response.status_code == 302
    # `both` had supported the kept proposal in the collect step only: their selection vote moves.
    assert _counts(keep) == {collect.pk: 2, selection.pk: 2}
    assert _counts(duplicate) == {}
    with in_instance(instance_a):
        assert Vote.objects.filter(object_id=keep.pk, voter=both).count() == 2


@pytest.mark.django_db
def test_a_secret_support_vote_shows_buttons_but_no_counts_until_its_date(instance_a, participant_a):
    later = (timezone.now() + timedelta(days=3)).isoformat()
    step = make_step(instance_a, vote={"type": "support", "secret_until": later}, slug="secret")
    proposal = make_proposal(step, title="Un kiosque")
    with in_instance(instance_a):
        cast_vote(make_user(instance_a, "early@a.test"), proposal, 1)
    client = host_client("a.test", participant_a)
    for url in (f"/proposals/step/{step.pk}/", proposal.get_absolute_url()):
        html = client.get(url).content
        assert b'name="value" value="1"' in html and _shown_counts(html) == [], url
    response = client.post(_vote_url(proposal), {"value": "1"}, **JSON).json()
    assert response["counts"] == {} and _shown_counts(response["html"].encode()) == []
    assert _counts(proposal) == {step.pk: 2}  # counted all the same
