"""The single-statement writes of participe.core.sql, on SQLite and PostgreSQL alike."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from participe.core.sql import add_to_columns, delete_returning, insert_or_ignore
from participe.projects.models import Project, Step
from participe.votes.models import Vote
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(scope_a):
    project = Project.objects.create(title="Projet", slug="projet", is_published=True)
    return Step.objects.create(project=project, type="consultation", title="Texte", slug="texte")


def _vote(voter, step, object_id, value):
    now = timezone.now()
    row = {"instance": voter.instance_id, "voter": voter.pk, "content_type": ContentType.objects.get_for_model(Project).pk,
           "object_id": object_id, "step": step.pk if step else None, "value": value, "is_counted": True,
           "created_at": now, "updated_at": now}
    return insert_or_ignore(Vote, row)


def test_add_to_columns_counts_rows_or_returns_what_it_wrote(step):
    project = step.project
    assert add_to_columns(Project, {"pk": project.pk}, {"votes_count": 3, "participants_count": 1}) == 1
    written = add_to_columns(Project, {"pk": project.pk}, {"votes_count": -1}, returning=("votes_count", "participants_count"))
    assert written == {"votes_count": 2, "participants_count": 1}
    project.refresh_from_db()
    assert (project.votes_count, project.participants_count) == (2, 1)
    assert add_to_columns(Project, {"pk": project.pk + 1000}, {"votes_count": 1}, returning=("votes_count",)) is None


def test_insert_or_ignore_and_delete_returning_match_null_and_values(scope_a, step):
    voter = make_user(scope_a, "sql@a.test")
    in_step, without_step = _vote(voter, step, 7, 1), _vote(voter, None, 7, -1)
    assert in_step and without_step and in_step != without_step
    assert _vote(voter, step, 7, 0) is None  # the unique constraint holds it: nothing inserted
    ct = ContentType.objects.get_for_model(Project).pk
    match = {"voter": voter.pk, "content_type": ct, "object_id": 7, "step": None}
    assert delete_returning(Vote, match, ("value", "is_counted")) == [{"value": -1, "is_counted": True}]
    assert delete_returning(Vote, match, ("value",)) == []
    assert list(Vote.objects.values_list("pk", flat=True)) == [in_step]  # the vote of the step is untouched
    assert delete_returning(Vote, {**match, "step": step.pk}, ("pk", "value")) == [{"pk": in_step, "value": 1}]
