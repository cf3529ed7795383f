"""Queries built once per process (participe.core.prepared) answer as the ORM does, scoped to the instance."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import ScopeError

from participe.core.prepared import Prepared
from participe.instances.scoping import in_instance
from participe.projects.models import Project, Step
from tests.projects.conftest import make_project

STEP_DATES = Prepared(
    lambda pk: Step.objects.filter(pk=pk, project__is_published=True).values_list("starts_at", "project__title"),
    "pk",
)
STEP_WITH_PROJECT = Prepared(lambda pk: Step.objects.select_related("project").filter(pk=pk), "pk")


@pytest.fixture
def steps(instance_a, instance_b):
    start = timezone.now().replace(microsecond=0) - timedelta(days=1)
    mine = make_project(instance_a, "loi", steps=[{"type": "presentation", "starts_at": start}])
    theirs = make_project(instance_b, "autre", steps=[{"type": "presentation", "starts_at": start}])
    with in_instance(instance_a):
        step_a = Step.objects.get(project=mine)
    with in_instance(instance_b):
        step_b = Step.objects.get(project=theirs)
    return step_a, step_b, start


@pytest.mark.django_db
def test_rows_are_converted_as_the_orm_converts_them(steps, scope_a):
    step_a, _step_b, start = steps
    rows = STEP_DATES.rows(pk=step_a.pk)
    assert rows == list(Step.objects.filter(pk=step_a.pk).values_list("starts_at", "project__title"))
    assert rows[0][0] == start  # an aware datetime on SQLite too, not its text


@pytest.mark.django_db
def test_objects_carry_their_select_related_objects(steps, scope_a, django_assert_num_queries):
    step_a, _step_b, _start = steps
    with django_assert_num_queries(1):
        step = STEP_WITH_PROJECT.first(pk=step_a.pk)
        assert step.project.title == "Loi"
    assert step == step_a and step._state.adding is False and step._state.db == "default"


@pytest.mark.django_db
def test_another_instances_rows_are_never_found(steps, instance_b):
    step_a, step_b, _start = steps
    with in_instance(instance_b):
        assert STEP_DATES.rows(pk=step_a.pk) == []
        assert STEP_WITH_PROJECT.first(pk=step_a.pk) is None
        assert STEP_WITH_PROJECT.first(pk=step_b.pk) == step_b


@pytest.mark.django_db
def test_no_current_instance_fails_closed(steps):
    with pytest.raises(ScopeError):
        STEP_DATES.rows(pk=steps[0].pk)


@pytest.mark.django_db
def test_filters_keep_following_the_data(steps, scope_a):
    step_a, _step_b, _start = steps
    assert STEP_DATES.rows(pk=step_a.pk)
    Project.objects.filter(pk=step_a.project_id).update(is_published=False)
    assert STEP_DATES.rows(pk=step_a.pk) == []


def test_a_parameter_the_query_ignores_is_refused(db):
    unused = Prepared(lambda pk, other: Project.objects.filter(pk=pk).values_list("pk"), "pk", "other")
    with pytest.raises(ValueError, match="other"):
        unused.rows(pk=1, other=2)


@pytest.mark.django_db
def test_postgresql_plans_the_statement_once_per_connection(steps, scope_a, settings):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    step_a, _step_b, _start = steps
    counters = Prepared(lambda pk: Step.objects.filter(pk=pk).values_list("votes_count"), "pk")
    for _ in range(3):
        assert counters.rows(pk=step_a.pk) == [(0,)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ['%"votes_count"%'])
        assert cursor.fetchone()[0] == 1
    settings.PARTICIPE_PREPARED_STATEMENTS = False
    with CaptureQueriesContext(connection) as queries:
        assert counters.rows(pk=step_a.pk) == [(0,)]
    assert len(queries) == 1


@pytest.mark.django_db
def test_an_id_beyond_any_column_finds_nothing(steps, scope_a):
    assert STEP_DATES.rows(pk=2**70) == []
    assert STEP_WITH_PROJECT.first(pk=-(2**64)) is None


@pytest.mark.django_db
def test_a_positive_integer_field_takes_a_parameter(scope_a, instance_a):
    """The ORM refuses values out of a field's range (the query then matches nothing): the markers that
    stand for parameters while the SQL is built must fit a positive field, here a vote's object id."""
    from django.contrib.contenttypes.models import ContentType

    from participe.votes.models import Vote
    from tests.conftest import make_user

    voter = make_user(instance_a, "marqueur@a.test")
    Vote.objects.create(
        instance=instance_a, voter=voter, content_type=ContentType.objects.get_for_model(Step), object_id=7, value=1
    )
    by_object = Prepared(lambda object_id: Vote.objects.filter(object_id=object_id).values_list("value"), "object_id")
    assert by_object.rows(object_id=7) == [(1,)]
    assert by_object.rows(object_id=8) == []
