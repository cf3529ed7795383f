"""Project.participants_count counts people once per project, whatever they did and however often."""

import pytest

from participe.instances.scoping import in_instance
from participe.participation.participants import note_participant
from participe.projects.models import Project
from tests.conftest import make_user


@pytest.fixture
def project_a(scope_a):
    return Project.objects.create(title="Budget", slug="budget", is_published=True)


def _count(project):
    return Project.objects.filter(pk=project.pk).values_list("participants_count", flat=True).get()


def test_each_person_counts_once(instance_a, project_a, participant_a):
    other = make_user(instance_a, "other@a.test")
    with in_instance(instance_a):
        assert note_participant(participant_a, project_a.pk) is True
        assert note_participant(participant_a, project_a.pk) is False
        assert note_participant(other, project_a.pk) is True
        assert _count(project_a) == 2


def test_anonymous_visitors_are_not_counted(instance_a, project_a):
    from django.contrib.auth.models import AnonymousUser

    with in_instance(instance_a):
        assert note_participant(AnonymousUser(), project_a.pk) is False
        assert note_participant(None, project_a.pk) is False
        assert _count(project_a) == 0


def test_contributing_and_voting_count_people_once_each(instance_a, admin_a, participant_a):
    from participe.modules.consultation.services import submit_opinion
    from participe.votes.services import cast_vote
    from tests.consultation.conftest import build_consultation

    built = build_consultation(instance_a, "open", opinions=2, author=admin_a)
    voter = make_user(instance_a, "voter@a.test")
    with in_instance(instance_a):
        submit_opinion(participant_a, built["section"], "Idée", "<p>Texte</p>")
        submit_opinion(participant_a, built["section"], "Autre idée", "<p>Texte</p>")
        for opinion in built["opinions"]:
            cast_vote(voter, opinion, 1)
            cast_vote(participant_a, opinion, -1)
        project = Project.objects.get(pk=built["project"].pk)
    assert project.participants_count == 2
    assert project.contributions_count == 2
