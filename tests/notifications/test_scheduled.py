"""Scheduled jobs: step openings/closings for followers, the daily digest, the fan-out to followers."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from participe.follows.models import Level
from participe.follows.services import follow
from participe.notifications.followers import notify_followers
from participe.notifications.models import Notification, NotificationPreference, ScheduledRun
from participe.notifications.services import notify
from participe.notifications.tasks import (
    announce_new_projects,
    announce_step_changes,
    remind_events,
    send_daily_digests,
)
from participe.projects.models import Project, Step
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(scope_a):
    return Project.objects.create(title="Budget participatif", slug="budget", is_published=True)


def test_step_opening_and_closing_reach_followers_once(instance_a, participant_a, project, django_capture_on_commit_callbacks):
    now = timezone.now()
    step = Step.objects.create(
        project=project, type="presentation", title="Dépôt des idées", slug="depot",
        starts_at=now + timedelta(minutes=1), ends_at=now + timedelta(days=1),
    )
    follower_of_both = make_user(instance_a, "both@a.test")
    follow(participant_a, project)
    follow(follower_of_both, project)
    follow(follower_of_both, step)
    ScheduledRun.objects.create(name="announce_step_changes", last_run_at=now)
    with django_capture_on_commit_callbacks(execute=True):
        assert announce_step_changes((now + timedelta(minutes=2)).isoformat()) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["both@a.test", "participant@a.test"]
    assert "Dépôt des idées" in mail.outbox[0].body
    assert "/follows/stop/" in mail.outbox[0].extra_headers["List-Unsubscribe"]
    assert announce_step_changes((now + timedelta(minutes=3)).isoformat()) == 0  # nothing twice
    assert announce_step_changes((now + timedelta(days=2)).isoformat()) == 2
    assert Notification.objects.filter(kind="step_closed").count() == 2


def test_steps_of_other_instances_are_announced_in_their_own_scope(
    instance_b, participant_a, project, django_capture_on_commit_callbacks
):
    from participe.instances.scoping import in_instance

    now = timezone.now()
    participant_b = make_user(instance_b, "pb@b.test")
    with in_instance(instance_b):
        project_b = Project.objects.create(title="Projet B", slug="b", is_published=True)
        step_b = Step.objects.create(project=project_b, type="presentation", title="B", slug="b", starts_at=now)
        follow(participant_b, step_b)
    ScheduledRun.objects.create(name="announce_step_changes", last_run_at=now - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert announce_step_changes(now.isoformat()) == 1
    assert mail.outbox[0].to == ["pb@b.test"]
    assert "b.test" in mail.outbox[0].body


def test_followers_fan_out_skips_the_actor(instance_a, participant_a, project, django_capture_on_commit_callbacks):
    author = make_user(instance_a, "author@a.test", display_name="Léa")
    essential = make_user(instance_a, "essential@a.test")
    follow(participant_a, project, Level.ALL)
    follow(author, project, Level.ALL)
    follow(essential, project, Level.ESSENTIAL)
    with django_capture_on_commit_callbacks(execute=True):
        notify_followers(project, "followed_activity", {"actor": "Léa"}, actor=author)
    assert list(Notification.objects.values_list("user__email", flat=True)) == ["participant@a.test"]
    assert mail.outbox == []  # activity waits for the digest


def test_daily_digest(instance_a, participant_a, project, django_capture_on_commit_callbacks):
    quiet = make_user(instance_a, "quiet@a.test")
    NotificationPreference.objects.create(user=quiet, digest="never")
    for user in (participant_a, quiet):
        notify(user, "followed_activity", project, {"actor": "Léa"})
        notify(user, "followed_activity", project, {"actor": "Paul"})
    old = notify(participant_a, "followed_activity", project, {"actor": "Ancien"})
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=5))
    morning = _local(instance_a, hour=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests(_local(instance_a, hour=6).isoformat()) == 0  # not yet: 6 o'clock there
        assert send_daily_digests(morning.isoformat()) == 1
    [message] = mail.outbox
    assert message.to == ["participant@a.test"]
    assert "Léa" in message.body and "Paul" in message.body and "Ancien" not in message.body
    assert "List-Unsubscribe" in message.extra_headers
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests(morning.isoformat()) == 0  # nothing twice


def _local(instance, hour):
    """Today at `hour`:30 in the instance's own time zone (aware, for the tasks' `now`)."""
    return timezone.localtime(timezone.now(), instance.tz).replace(hour=hour, minute=30, second=0, microsecond=0)


def test_digests_go_out_at_seven_in_each_instance_time_zone(instance_a, instance_b, django_capture_on_commit_callbacks):
    from participe.instances.scoping import in_instance

    type(instance_b).objects.filter(pk=instance_b.pk).update(time_zone="America/Cayenne")
    instance_b.refresh_from_db()
    readers = {}
    for instance, host in ((instance_a, "a.test"), (instance_b, "b.test")):
        with in_instance(instance):
            readers[host] = make_user(instance, f"reader@{host}")
            news = Project.objects.create(title=f"Projet {host}", slug="p", is_published=True)
            notify(readers[host], "followed_activity", news, {"actor": "Léa"})
    paris_morning = _local(instance_a, hour=7)  # 3:30 or 4:30 in Cayenne: b waits
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests(paris_morning.isoformat()) == 1
    assert [m.to for m in mail.outbox] == [["reader@a.test"]]
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests(_local(instance_b, hour=7).isoformat()) == 1
    assert [m.to for m in mail.outbox] == [["reader@a.test"], ["reader@b.test"]]


def test_a_new_public_project_is_news_for_the_followers_of_its_districts(
    instance_a, participant_a, scope_a, django_capture_on_commit_callbacks
):
    from participe.site.models import District

    north, south = District.objects.create(name="Nord", slug="nord"), District.objects.create(name="Sud", slug="sud")
    southerner = make_user(instance_a, "sud@a.test")
    follow(participant_a, north)
    follow(southerner, south)
    now = timezone.now()
    ScheduledRun.objects.create(name="announce_new_projects", last_run_at=now - timedelta(minutes=1))
    draft = Project.objects.create(title="Brouillon", slug="brouillon", is_published=False)
    hidden = Project.objects.create(title="Réservé", slug="reserve", is_published=True, visibility="admins")
    parc = Project.objects.create(title="Un parc au nord", slug="parc", is_published=True)
    for project in (draft, hidden, parc):
        project.districts.add(north)
    with django_capture_on_commit_callbacks(execute=True):
        assert announce_new_projects((now + timedelta(minutes=1)).isoformat()) == 1
        assert announce_new_projects((now + timedelta(minutes=6)).isoformat()) == 0  # once
    [message] = mail.outbox
    assert message.to == ["participant@a.test"] and "Un parc au nord" in message.body and "Nord" in message.body
    assert Notification.objects.get().kind == "new_project_in_district"


def test_event_reminder_once_a_day_before(instance_a, participant_a, scope_a, django_capture_on_commit_callbacks):
    from participe.site.models import Event, Registration

    now = timezone.now()
    event = Event.objects.create(title="Réunion publique", slug="reunion", starts_at=now + timedelta(hours=23, minutes=50))
    later = Event.objects.create(title="Plus tard", slug="plus-tard", starts_at=now + timedelta(days=3))
    waiting = make_user(instance_a, "waiting@a.test")
    Registration.objects.create(event=event, user=participant_a, status="confirmed")
    Registration.objects.create(event=event, user=waiting, status="waiting")
    Registration.objects.create(event=later, user=participant_a, status="confirmed")
    ScheduledRun.objects.create(name="remind_events", last_run_at=now - timedelta(minutes=15))
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_events(now.isoformat()) == 1
        assert remind_events((now + timedelta(minutes=15)).isoformat()) == 0
    [message] = mail.outbox
    assert message.to == ["participant@a.test"] and "Réunion publique" in message.body


def test_publications_feed_the_followers_digest(instance_a, participant_a, project, django_capture_on_commit_callbacks):
    from participe.comments.models import Comment
    from participe.participation.signals import contribution_published

    author = make_user(instance_a, "author@a.test", display_name="Léa")
    essential_only = make_user(instance_a, "essential@a.test")
    follow(participant_a, project, Level.ALL)
    follow(essential_only, project, Level.ESSENTIAL)
    follow(author, project, Level.ALL)
    comment = Comment.objects.create(target=project, author=author, body="Bonne idée")
    with django_capture_on_commit_callbacks(execute=True):
        contribution_published.send(sender=Comment, contribution=comment)
    [line] = Notification.objects.all()
    assert (line.user, line.kind) == (participant_a, "followed_activity")
    assert line.message == "Léa a contribué à « Budget participatif »."


def test_old_notifications_are_purged(participant_a, project):
    from participe.notifications.tasks import purge_old_notifications

    now = timezone.now()
    kept = notify(participant_a, "step_opened", project)
    old_read = notify(participant_a, "step_opened", project)
    old_unread = notify(participant_a, "step_opened", project)
    Notification.objects.filter(pk=old_read.pk).update(read_at=now - timedelta(days=200))
    Notification.objects.filter(pk=old_unread.pk).update(created_at=now - timedelta(days=400))
    assert purge_old_notifications() == 2
    assert list(Notification.objects.values_list("pk", flat=True)) == [kept.pk]
