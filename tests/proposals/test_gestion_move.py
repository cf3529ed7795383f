"""Proposals moved to another collect step from the contributions table: their supports follow them and are
recounted, a proposal in a voter's ballot stays, categories are matched by name; merges through the same table."""

import pytest
from django.contrib.contenttypes.models import ContentType

from participe.actionlog.models import ActionLog
from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Ballot, BallotItem, Category, Proposal
from participe.projects.models import Project, Step
from participe.votes.models import Vote
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step

pytestmark = pytest.mark.django_db
URL = "/gestion/contributions/"


def _items(*proposals):
    return [f"proposals.proposal:{proposal.pk}" for proposal in proposals]


@pytest.fixture
def steps(instance_a):
    first = make_step(instance_a, vote={"type": "support"})
    second = make_step(instance_a, vote={"type": "support"}, slug="depot-2")
    selection = make_step(instance_a, step_type="selection", slug="selection")
    with in_instance(instance_a):
        Category.objects.create(step=first, name="Nature")
        Category.objects.create(step=first, name="Sport")
        Category.objects.create(step=second, name="Nature")
        Step.objects.filter(pk__in=[first.pk, second.pk, selection.pk]).update(is_enabled=True)
    return first, second, selection


def _support(proposal, voter, step):
    with in_instance(proposal.instance):
        proposal_type = ContentType.objects.get_for_model(Proposal)
        Vote.objects.create(
            instance=proposal.instance,
            voter=voter,
            step=step,
            value=1,
            content_type=proposal_type,
            object_id=proposal.pk,
        )
        total = Vote.objects.filter(content_type=proposal_type, object_id=proposal.pk).count()
        Proposal.objects.filter(pk=proposal.pk).update(votes_total=total)


def test_a_proposal_moves_with_its_supports_and_its_category_by_name(
    instance_a, steps, admin_a, participant_a
):
    first, second, _selection = steps
    with in_instance(instance_a):
        nature, sport = (
            Category.objects.get(step=first, name="Nature"),
            Category.objects.get(step=first, name="Sport"),
        )
        target_nature = Category.objects.get(step=second, name="Nature")
    moving = make_proposal(first, "Un verger", author=participant_a, status="published", category=nature)
    other = make_proposal(first, "Un terrain", author=participant_a, status="published", category=sport)
    voters = [make_user(instance_a, f"v{n}@a.test") for n in range(3)]
    for voter in voters:
        _support(moving, voter, first)
    _support(other, voters[0], first)
    client = host_client("a.test", admin_a)
    response = client.post(
        URL, {"items": _items(moving, other), "action": "move", "step": second.pk, "format": "csv"}
    )
    assert response.status_code == 302
    with in_instance(instance_a):
        moving, other = Proposal.objects.get(pk=moving.pk), Proposal.objects.get(pk=other.pk)
        assert moving.step_id == second.pk and other.step_id == second.pk
        # The category of the same name in the new step; none where the new step has no such category.
        assert moving.category_id == target_nature.pk and other.category_id is None
        assert set(Vote.objects.filter(object_id=moving.pk).values_list("step_id", flat=True)) == {second.pk}
        assert moving.votes_total == 3 and other.votes_total == 1
        assert ActionLog.objects.filter(action="gestion.move").count() == 2
    # The new step's public list shows it with its supports; the old one does not list it any more.
    assert "Un verger" in host_client("a.test").get(f"/proposals/step/{second.pk}/").content.decode()
    assert "Un verger" not in host_client("a.test").get(f"/proposals/step/{first.pk}/").content.decode()


def test_a_proposal_in_a_ballot_stays_and_other_types_of_step_are_refused(
    instance_a, steps, admin_a, participant_a
):
    first, second, selection = steps
    with in_instance(instance_a):
        Step.objects.filter(pk=first.pk).update(settings={"vote": {"type": "budget", "budget": "1000"}})
    voted = make_proposal(first, "Dans un bulletin", cost=100, author=participant_a, status="published")
    free = make_proposal(first, "Libre", cost=100, author=participant_a, status="published")
    with in_instance(instance_a):
        ballot = Ballot.objects.create(instance=instance_a, voter=participant_a, step=first)
        BallotItem.objects.create(instance=instance_a, ballot=ballot, proposal=voted, cost=100)
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "en"
    response = client.post(
        URL, {"items": _items(voted, free), "action": "move", "step": second.pk, "format": "csv"}, follow=True
    )
    page = response.content.decode()
    assert "1 contribution changed." in page and "1 contribution was left as it was" in page
    refused = client.post(
        URL, {"items": _items(free), "action": "move", "step": selection.pk, "format": "csv"}, follow=True
    )
    assert "1 contribution was left as it was" in refused.content.decode()
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=voted.pk).step_id == first.pk
        assert Proposal.objects.get(pk=free.pk).step_id == second.pk
        assert BallotItem.objects.get(proposal=voted).ballot.step_id == first.pk


def test_moves_stay_within_what_one_manages(instance_a, instance_b, steps, admin_b, participant_a):
    first, second, _selection = steps
    proposal = make_proposal(first, "Un verger", author=participant_a, status="published")
    manager = make_user(instance_a, "manager@a.test")
    with in_instance(instance_a):
        elsewhere = Project.objects.create(title="Autre", slug="autre", is_published=True)
        outside = Step.objects.create(
            project=elsewhere,
            type="collect",
            title="Ailleurs",
            slug="ailleurs",
            settings={"vote": {"type": "none"}},
        )
        first.project.administrators.add(manager)
    client = host_client("a.test", manager)
    # A step of a project they do not manage is not a choice.
    assert (
        client.post(
            URL, {"items": _items(proposal), "action": "move", "step": outside.pk, "format": "csv"}
        ).status_code
        == 400
    )
    # Another instance's administrator: the row is not theirs, nothing moves.
    host_client("b.test", admin_b).post(
        URL, {"items": _items(proposal), "action": "move", "step": second.pk, "format": "csv"}
    )
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=proposal.pk).step_id == first.pk
    assert (
        client.post(
            URL, {"items": _items(proposal), "action": "move", "step": second.pk, "format": "csv"}
        ).status_code
        == 302
    )
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=proposal.pk).step_id == second.pk


def test_duplicates_are_merged_with_their_supports(instance_a, steps, admin_a, participant_a, make_account):
    first, _second, _selection = steps
    kept = make_proposal(first, "Un verger", author=participant_a, status="published")
    duplicate = make_proposal(
        first, "Un verger aussi", author=make_account(instance_a, "autre@a.test"), status="published"
    )
    both, only = make_user(instance_a, "both@a.test"), make_user(instance_a, "only@a.test")
    _support(kept, both, first)
    _support(duplicate, both, first)
    _support(duplicate, only, first)
    response = host_client("a.test", admin_a).post(
        URL, {"items": _items(kept, duplicate), "action": "merge", "format": "csv"}
    )
    assert response.status_code == 302
    with in_instance(instance_a):
        kept, duplicate = Proposal.objects.get(pk=kept.pk), Proposal.objects.get(pk=duplicate.pk)
        # The voter who supported both keeps one vote; the other's support moves.
        assert kept.votes_total == 2 and duplicate.merged_into_id == kept.pk and duplicate.votes_total == 0
        assert kept.co_authors.filter(email="autre@a.test").exists()
