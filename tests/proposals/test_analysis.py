"""Analysis: analysts see only what they are assigned; decisions published at their date; merges."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.modules.proposals import analysis
from participe.modules.proposals.models import Proposal
from participe.modules.proposals.tasks import publish_due_decisions
from participe.votes.services import cast_vote
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step


@pytest.fixture
def analysts(instance_a, make_account):
    return make_account(instance_a, "ana@a.test", is_analyst=True), make_account(instance_a, "lyse@a.test", is_analyst=True)


@pytest.mark.django_db
def test_analysts_see_only_what_they_are_assigned(instance_a, analysts):
    mine_analyst, other_analyst = analysts
    step = make_step(instance_a, visibility="private")
    assigned = make_proposal(step, "Assignée")
    not_mine = make_proposal(step, "Pas à moi")
    with in_instance(instance_a):
        analysis.assign(assigned, analysts=[mine_analyst], supervisor=None, decision_maker=other_analyst)
    client = host_client("a.test", mine_analyst)
    dashboard = client.get("/proposals/analysis/")
    assert b"Assign" in dashboard.content and b"Pas \xc3\xa0 moi" not in dashboard.content
    assert client.get(f"/proposals/{assigned.pk}/analysis/").status_code == 200
    assert client.get(f"/proposals/{not_mine.pk}/analysis/").status_code == 404
    assert client.get(f"/proposals/{not_mine.pk}/").status_code == 404
    # An analyst who is not the decision maker cannot decide.
    assert client.post(
        f"/proposals/{assigned.pk}/analysis/", {"form": "decide", "decision": "accepted", "official_answer": "Oui"}
    ).status_code == 403
    assert len(mail.outbox) == 2  # both assigned people are told


@pytest.mark.django_db
def test_evaluation_revises_the_cost_and_bad_input_is_explained(instance_a, analysts):
    analyst = analysts[0]
    step = make_step(instance_a)
    proposal = make_proposal(step, cost=1000)
    with in_instance(instance_a):
        analysis.assign(proposal, analysts=[analyst])
    client = host_client("a.test", analyst)
    bad = client.post(f"/proposals/{proposal.pk}/analysis/", {"form": "evaluate", "state": "favourable", "revised_cost": "beaucoup"})
    assert bad.status_code == 400 and b"error-summary" in bad.content
    client.post(f"/proposals/{proposal.pk}/analysis/", {"form": "evaluate", "state": "favourable", "revised_cost": "1500", "note": "OK"})
    with in_instance(instance_a):
        proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.analysis_state == "favourable" and proposal.cost == 1500


@pytest.mark.django_db
def test_decision_is_published_at_its_date_by_the_scheduled_job(
    instance_a, participant_a, analysts, client_a, django_capture_on_commit_callbacks
):
    decider = analysts[1]
    step = make_step(instance_a)
    proposal = make_proposal(step, author=participant_a)
    with in_instance(instance_a):
        analysis.assign(proposal, analysts=[], decision_maker=decider)
    later = timezone.now() + timedelta(hours=5)
    response = host_client("a.test", decider).post(
        f"/proposals/{proposal.pk}/analysis/",
        {"form": "decide", "decision": "accepted", "official_answer": "Réponse officielle", "publish_at": later.strftime("%Y-%m-%d %H:%M")},
    )
    assert response.status_code == 302
    assert "Réponse officielle".encode() not in client_a.get(f"/proposals/{proposal.pk}/").content
    with in_instance(instance_a):
        Proposal.objects.filter(pk=proposal.pk).update(decision_publish_at=timezone.now() - timedelta(seconds=1))
    mail.outbox.clear()
    with in_instance(instance_a), django_capture_on_commit_callbacks(execute=True):
        assert publish_due_decisions() == 1
    assert "Réponse officielle".encode() in client_a.get(f"/proposals/{proposal.pk}/").content
    assert len(mail.outbox) == 2  # the official answer, the new status


@pytest.mark.django_db
def test_revision_request_reopens_editing_until_its_deadline(instance_a, participant_a, admin_a):
    step = make_step(instance_a, edit_until=(timezone.now() - timedelta(days=1)).isoformat())
    proposal = make_proposal(step, author=participant_a)
    deadline = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    host_client("a.test", admin_a).post(
        f"/proposals/{proposal.pk}/analysis/", {"form": "revise", "reason": "Précisez le lieu", "deadline": deadline}
    )
    author = host_client("a.test", participant_a)
    assert "Précisez le lieu".encode() in author.get(f"/proposals/{proposal.pk}/").content
    assert author.post(f"/proposals/{proposal.pk}/edit/", {"title": "Précisé"}).status_code == 302


@pytest.mark.django_db
def test_merge_carries_votes_and_followers_and_credits_authors(instance_a, admin_a, make_account):
    from participe.follows.models import Follow

    step = make_step(instance_a, vote={"type": "support"})
    alice, bob, carol = (make_account(instance_a, f"{n}@a.test") for n in ("alice", "bob", "carol"))
    keep = make_proposal(step, "Pistes cyclables", author=alice)
    duplicate = make_proposal(step, "Des pistes cyclables", author=bob)
    content_type = ContentType.objects.get_for_model(Proposal)
    with in_instance(instance_a):
        cast_vote(alice, keep, 1)
        cast_vote(alice, duplicate, 1)
        cast_vote(carol, duplicate, 1)
        Follow.objects.create(user=carol, content_type=content_type, object_id=duplicate.pk)
    response = host_client("a.test", admin_a).post(
        f"/proposals/{keep.pk}/analysis/", {"form": "merge", "duplicates": f"{duplicate.pk}"}
    )
    assert response.status_code == 302
    with in_instance(instance_a):
        keep = Proposal.objects.get(pk=keep.pk)
        assert keep.votes_total == 2
        assert list(keep.co_authors.all()) == [bob]
        assert Proposal.objects.get(pk=duplicate.pk).merged_into_id == keep.pk
        assert Follow.objects.filter(object_id=keep.pk, content_type=content_type, user=carol).exists()
