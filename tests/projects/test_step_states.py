"""Step states turn at midnight in the instance's time zone, not the server's nor UTC."""

from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from participe.instances.scoping import in_instance
from participe.projects.models import Step
from participe.projects.registry import StepState
from tests.projects.conftest import make_project

ZONES = ["Europe/Paris", "America/Cayenne"]


def _local(zone, *args):
    return datetime(*args, tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize("zone", ZONES)
def test_a_step_closing_at_local_midnight(zone):
    step = Step(starts_at=_local(zone, 2026, 3, 1, 0, 0), ends_at=_local(zone, 2026, 4, 1, 0, 0))
    assert step.state(_local(zone, 2026, 2, 28, 23, 59, 59)) == StepState.FUTURE
    assert step.state(_local(zone, 2026, 3, 1, 0, 0)) == StepState.OPEN
    assert step.state(_local(zone, 2026, 3, 31, 23, 59)) == StepState.OPEN
    assert step.state(_local(zone, 2026, 3, 31, 23, 59, 59)) == StepState.OPEN
    assert step.state(_local(zone, 2026, 4, 1, 0, 0)) == StepState.CLOSED


def test_the_same_instant_is_after_midnight_in_paris_and_before_it_in_cayenne():
    moment = datetime(2026, 4, 1, 1, 30, tzinfo=ZoneInfo("UTC"))  # 03:30 in Paris (summer time), 22:30 in Cayenne
    paris = Step(ends_at=_local("Europe/Paris", 2026, 4, 1, 0, 0))
    cayenne = Step(ends_at=_local("America/Cayenne", 2026, 4, 1, 0, 0))
    assert paris.state(moment) == StepState.CLOSED
    assert cayenne.state(moment) == StepState.OPEN


def test_a_timeless_step_is_always_open():
    assert Step().state() == StepState.OPEN


@pytest.mark.parametrize("zone", ZONES)
def test_the_page_tells_the_state_in_words_across_local_midnight(zone, instance_a, client_a):
    instance_a.time_zone = zone
    instance_a.save()
    closes = _local(zone, 2026, 4, 1, 0, 0)
    make_project(instance_a, "budget", steps=[{"slug": "vote", "title": "Vote", "ends_at": closes}])
    client_a.cookies["django_language"] = "en"
    with mock.patch("django.utils.timezone.now", return_value=closes - timedelta(minutes=1)):
        before = client_a.get("/projects/budget/vote/").content.decode()
    with mock.patch("django.utils.timezone.now", return_value=closes):
        after = client_a.get("/projects/budget/vote/").content.decode()
    assert 'step-state--open">Open<' in before
    assert "Until 31 March 2026<" in before  # closing at midnight: the 31st is the last day, in local time
    assert 'step-state--closed">Closed<' in after


def test_open_at_matches_state(instance_a):
    now = datetime(2026, 5, 10, 12, 0, tzinfo=ZoneInfo("UTC"))
    project = make_project(
        instance_a,
        "p",
        steps=[
            {"slug": "past", "ends_at": now - timedelta(days=1)},
            {"slug": "open", "starts_at": now - timedelta(days=1), "ends_at": now + timedelta(days=1)},
            {"slug": "future", "starts_at": now + timedelta(days=1)},
            {"slug": "disabled", "is_enabled": False},
        ],
    )
    with in_instance(instance_a):
        open_now = set(Step.objects.filter(project=project).open_at(now).values_list("slug", flat=True))
        assert open_now == {"open"}
        project = type(project).objects.get(pk=project.pk)
        assert project.current_step(now).slug == "open"
        assert project.phase(now) == StepState.OPEN
