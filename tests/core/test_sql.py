"""The one raw write of participe.core.sql, on SQLite and PostgreSQL alike."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_scopes import ScopeError

from participe.core.sql import insert_or_ignore
from participe.instances.scoping import in_instance, platform_wide
from participe.projects.models import Project, Step
from participe.votes.models import Vote
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(scope_a):
    project = Project.objects.create(title="Projet", slug="projet", is_published=True)
    return Step.objects.create(project=project, type="consultation", title="Texte", slug="texte")


def _row(voter, step, object_id, value):
    now = timezone.now()
    return {"instance": voter.instance_id, "voter": voter.pk, "content_type": ContentType.objects.get_for_model(Project).pk,
            "object_id": object_id, "step": step.pk if step else None, "value": value, "is_counted": True,
            "created_at": now, "updated_at": now}


def test_insert_or_ignore_inserts_once_per_unique_key(scope_a, step):
    voter = make_user(scope_a, "sql@a.test")
    in_step, without_step = insert_or_ignore(Vote, _row(voter, step, 7, 1)), insert_or_ignore(Vote, _row(voter, None, 7, -1))
    assert in_step and without_step and in_step != without_step
    assert insert_or_ignore(Vote, _row(voter, step, 7, 0)) is None  # the unique constraint holds it: nothing inserted
    assert sorted(Vote.objects.values_list("pk", "value")) == sorted([(in_step, 1), (without_step, -1)])


def test_insert_or_ignore_names_the_instance_being_served(instance_a, instance_b):
    voter = make_user(instance_a, "tenant@a.test")
    row = _row(voter, None, 8, 1)
    with pytest.raises(ScopeError):
        insert_or_ignore(Vote, row)  # no instance served: fails closed, as the scoped managers do
    with in_instance(instance_b), pytest.raises(ScopeError):
        insert_or_ignore(Vote, row)  # another instance's row while serving B
    with pytest.raises(ValueError, match="without its instance"):
        insert_or_ignore(Vote, {**row, "instance": None})
    with platform_wide():  # commands and imports opt out visibly
        assert insert_or_ignore(Vote, row) is not None
