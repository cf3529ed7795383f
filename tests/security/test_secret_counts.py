"""While a step's counts are secret, nothing shows them: no sort by votes, no count in the page, no cache
key that moves with the votes; ballot exports are the staff's at all times and never in voting order."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from participe.core.recent import forget_all
from participe.instances.scoping import in_instance
from participe.modules.proposals import ballots
from participe.modules.proposals.tasks import refresh_results
from participe.modules.proposals.views import lists
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step
from tests.security.crawl import body_text

TITLES = re.compile(rb'id="proposal-\d+-title"><a href="[^"]+">([^<]+)<')


def _secret_vote(**extra):
    until = (timezone.now() + timedelta(days=5)).isoformat()
    return {"type": "limited", "max_choices": 5, "secret_until": until, **extra}


def _voters(instance, count):
    return [make_user(instance, f"voter{n}@a.test") for n in range(count)]


def _vote(instance, step, proposal, voters):
    with in_instance(instance):
        for voter in voters:
            ballots.add(voter, step, proposal)


@pytest.fixture
def secret_step(instance_a):
    """Ten proposals; the one voted most has the highest id, the one voted least the lowest."""
    step = make_step(instance_a, vote=_secret_vote())
    proposals = [make_proposal(step, f"Idée {n:02d}") for n in range(10)]
    voters = _voters(instance_a, 6)
    for rank, proposal in enumerate(proposals[-3:], start=1):
        _vote(instance_a, step, proposal, voters[: 2 * rank])
    return step, proposals


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "participant"])
def test_sort_by_votes_falls_back_to_the_default_order_while_secret(secret_step, instance_a, who):
    step, proposals = secret_step
    user = None if who == "anonymous" else make_user(instance_a, "reader@a.test")
    client = host_client("a.test", user)
    by_votes = client.get(f"/proposals/step/{step.pk}/?sort=votes&seed=7")
    default = client.get(f"/proposals/step/{step.pk}/?seed=7")
    assert TITLES.findall(by_votes.content) == TITLES.findall(default.content)
    # Not the order of the votes: the three voted proposals are not first in order of their counts (a shuffled
    # order starts so once in 720; the leader alone came first once in ten, as the ids drawn on PostgreSQL moved).
    leaders = [proposal.title.encode() for proposal in reversed(proposals[-3:])]
    assert TITLES.findall(by_votes.content)[:3] != leaders
    assert b'value="votes"' not in by_votes.content  # the option is not offered
    assert b"proposal-card__counts" not in by_votes.content


@pytest.mark.django_db
def test_sort_by_votes_is_offered_and_orders_once_counts_are_public(instance_a):
    step = make_step(instance_a, vote={"type": "limited", "max_choices": 5})
    proposals = [make_proposal(step, f"Idée {n:02d}") for n in range(4)]
    _vote(instance_a, step, proposals[0], _voters(instance_a, 2))
    page = host_client("a.test").get(f"/proposals/step/{step.pk}/?sort=votes")
    assert b'value="votes"' in page.content
    assert TITLES.findall(page.content)[0] == proposals[0].title.encode()


@pytest.mark.django_db
def test_the_cached_list_key_does_not_move_with_votes_while_secret(secret_step, instance_a, monkeypatch):
    step, proposals = secret_step
    keys = []
    real = lists._shared_cache_key
    monkeypatch.setattr(lists, "_shared_cache_key", lambda *args: keys.append(real(*args)) or keys[-1])
    client = host_client("a.test")
    client.get(f"/proposals/step/{step.pk}/?seed=3")
    _vote(instance_a, step, proposals[0], [make_user(instance_a, "late@a.test")])
    forget_all()  # the step as the database has it now, not as the process remembers it
    client.get(f"/proposals/step/{step.pk}/?seed=3")
    assert keys[0] is not None and keys[0] == keys[1]


@pytest.mark.django_db
@pytest.mark.parametrize("what", ["ballots.csv", "ballots.xlsx", "election.pb"])
def test_ballot_exports_are_for_the_staff_only_even_with_public_counts(instance_a, what):
    step = make_step(instance_a, vote={"type": "limited", "max_choices": 5, "results_visible_during_vote": True})
    _vote(instance_a, step, make_proposal(step), _voters(instance_a, 2))
    url = f"/proposals/step/{step.pk}/export/{what}"
    assert host_client("a.test").get(url).status_code == 404
    assert host_client("a.test", make_user(instance_a, "p@a.test")).get(url).status_code == 404
    admin = make_user(instance_a, "admin@a.test", is_instance_admin=True)
    assert host_client("a.test", admin).get(url).status_code == 200
    refresh_results()  # the beat task computes the result the public may see during this vote
    assert host_client("a.test").get(f"/proposals/step/{step.pk}/export/results.csv").status_code == 200


@pytest.mark.django_db
def test_ballot_exports_are_closed_to_everyone_while_secret(secret_step, instance_a):
    step, _proposals = secret_step
    admin = make_user(instance_a, "admin@a.test", is_instance_admin=True)
    assert host_client("a.test", admin).get(f"/proposals/step/{step.pk}/export/ballots.csv").status_code == 404


@pytest.mark.django_db
def test_exported_ballots_are_not_numbered_in_voting_order(instance_a):
    """Voter n chooses proposal n alone: in voting order, ballot n would hold proposal n."""
    step = make_step(instance_a, vote={"type": "limited", "max_choices": 5})
    proposals = [make_proposal(step, f"Idée {n:02d}") for n in range(40)]
    voters = _voters(instance_a, 40)
    with in_instance(instance_a):
        for voter, proposal in zip(voters, proposals, strict=True):
            ballots.add(voter, step, proposal)
    admin = host_client("a.test", make_user(instance_a, "admin@a.test", is_instance_admin=True))
    order = {p.pk: n for n, p in enumerate(proposals, start=1)}
    rows = [line.split(",") for line in body_text(admin.get(f"/proposals/step/{step.pk}/export/ballots.csv")).split()]
    pairs = [(int(row[0]), order[int(row[2])]) for row in rows[1:]]
    assert len(pairs) == 40
    assert sorted(number for number, _ in pairs) == list(range(1, 41))
    in_voting_order = sum(number == voted for number, voted in pairs)
    assert in_voting_order < 10, pairs  # a random numbering keeps about one in place
    file_order = [voted for _number, voted in pairs]
    assert file_order != sorted(file_order)
    election = admin.get(f"/proposals/step/{step.pk}/export/election.pb").content.decode()
    votes = re.findall(r"^(\d+);(\d+)$", election.split("VOTES", 1)[1], re.MULTILINE)
    assert len(votes) == 40 and sum(int(number) == order[int(chosen)] for number, chosen in votes) < 10
