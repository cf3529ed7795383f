"""`comments_count` on commented objects that have the field follows what is publicly visible."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from participe.comments.models import Comment
from participe.instances.scoping import in_instance
from participe.moderation import services as moderation
from participe.moderation.models import ModerationCase
from participe.modules.proposals.models import Proposal
from participe.participation.models import Status
from participe.participation.services import publish_awaiting_of
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step


def _count(proposal):
    return Proposal._base_manager.get(pk=proposal.pk).comments_count


def _post(client, proposal, body):
    url = f"/comments/{ContentType.objects.get_for_model(Proposal).pk}/{proposal.pk}/"
    response = client.post(url, {"body": body, "next": f"/proposals/{proposal.pk}/"})
    assert response.status_code == 302, response.content[:500]
    return Comment._base_manager.filter(object_id=proposal.pk, body=body).get()


@pytest.mark.django_db
def test_comments_count_follows_publish_hide_trash_delete_and_late_confirmation(
    instance_a, participant_a, moderator_a
):
    step = make_step(instance_a)
    proposal = make_proposal(step)
    author = host_client("a.test", participant_a)
    first = _post(author, proposal, "Très bonne idée")
    second = _post(author, proposal, "Et près de l'école ?")
    assert _count(proposal) == 2
    # Written before the e-mail is confirmed: kept aside, counted once confirmed.
    newcomer = make_user(instance_a, "nouveau@a.test", confirmed=False)
    late = _post(host_client("a.test", newcomer), proposal, "Je confirme plus tard")
    assert late.status == Status.DRAFT and _count(proposal) == 2
    with in_instance(instance_a):
        publish_awaiting_of(newcomer)
    assert _count(proposal) == 3
    # Hidden by a moderator, then approved again.
    with in_instance(instance_a):
        moderation.report(participant_a, first, "offensive")
        case = ModerationCase.objects.get(object_id=first.pk)
    moderator = host_client("a.test", moderator_a)
    assert moderator.post(f"/gestion/moderation/{case.pk}/hide/", {"reason": "Propos injurieux"}).status_code == 302
    assert _count(proposal) == 2
    assert moderator.post(f"/gestion/moderation/{case.pk}/approve/").status_code == 302
    assert _count(proposal) == 3
    # Withdrawn by its author; a hidden comment deleted does not count twice.
    assert author.post(f"/comments/{second.pk}/trash/").status_code == 302
    assert _count(proposal) == 2
    with in_instance(instance_a):
        Comment.objects.get(pk=second.pk).delete()
        assert _count(proposal) == 2
        Comment.objects.get(pk=late.pk).delete()
    assert _count(proposal) == 1


@pytest.mark.django_db
def test_most_commented_sort_orders_by_the_kept_count(instance_a, participant_a):
    step = make_step(instance_a)
    quiet, lively, middle = (make_proposal(step, title) for title in ("Calme", "Animée", "Moyenne"))
    client = host_client("a.test", participant_a)
    for proposal, count in ((lively, 3), (middle, 2), (quiet, 0)):
        for n in range(count):
            _post(client, proposal, f"Avis {n} sur {proposal.title}")
    page = client.get(f"/proposals/step/{step.pk}/?sort=comments")
    titles = re.findall(r'id="proposal-\d+-title"><a href="[^"]+">([^<]+)<', page.content.decode())
    assert titles == ["Animée", "Moyenne", "Calme"]
    assert "3 comments" in page.content.decode() or "3 commentaires" in page.content.decode()
