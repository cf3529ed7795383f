"""Background jobs of notifications: fan-out to followers, step openings and closings, the daily digest."""

from datetime import datetime, timedelta

from celery import shared_task
from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation

from participe.instances.models import Instance
from participe.instances.scoping import in_instance, platform_wide
from participe.notifications.digest import send_digests
from participe.notifications.followers import RETRY, fan_out, notify_followers_task  # noqa: F401 - registers the task
from participe.notifications.models import Notification, ScheduledRun
from participe.notifications.services import notify
from participe.projects.models import Project, Step, Visibility


def _window(name, now, first_look_back):
    """(since, now] for a periodic scan, moving its cursor forward in the same transaction."""
    run, created = ScheduledRun.objects.select_for_update().get_or_create(
        name=name, defaults={"last_run_at": now - first_look_back}
    )
    since = run.last_run_at
    run.last_run_at = now
    run.save(update_fields=["last_run_at"])
    return since


@shared_task(**RETRY)
def announce_step_changes(now=None):
    """Tell followers of a step or of its project that it opened or closed since the last scan."""
    now = timezone.now() if now is None else datetime.fromisoformat(now)
    with transaction.atomic():
        since = _window("announce_step_changes", now, timedelta(minutes=15))
    with platform_wide():
        steps = list(
            Step.objects.filter(is_enabled=True, project__is_published=True)
            .filter(timezone_window(since, now))
            .values_list("pk", "instance_id")
        )
    sent = 0
    for instance in Instance.objects.filter(pk__in={instance_id for _pk, instance_id in steps}, is_active=True):
        with in_instance(instance):
            for step in Step.objects.filter(pk__in=[pk for pk, i in steps if i == instance.pk]).select_related("project"):
                if step.starts_at and since < step.starts_at <= now:
                    sent += fan_out(step, "step_opened", {}, "essential", also_followers_of=[step.project])
                if step.ends_at and since < step.ends_at <= now:
                    sent += fan_out(step, "step_closed", {}, "essential", also_followers_of=[step.project])
    return sent


def timezone_window(since, now):
    return Q(starts_at__gt=since, starts_at__lte=now) | Q(ends_at__gt=since, ends_at__lte=now)


DIGEST_HOUR = 7  # local time of each instance: the digest arrives with the morning mail


@shared_task(**RETRY)
def send_daily_digests(now=None):
    """One e-mail per person with the activity on what they follow that no digest has carried yet.

    Runs every hour; each instance's digests go out in the hour that is DIGEST_HOUR in its own time zone."""
    now = timezone.now() if now is None else datetime.fromisoformat(now)
    total = 0
    for instance in Instance.objects.filter(is_active=True):
        if timezone.localtime(now, instance.tz).hour != DIGEST_HOUR:
            continue
        with in_instance(instance):
            total += send_digests(instance, now)
    return total


@shared_task(**RETRY)
def announce_new_projects(now=None):
    """Tell the followers of a district that a public project about it was published since the last scan."""
    now = timezone.now() if now is None else datetime.fromisoformat(now)
    with transaction.atomic():
        since = _window("announce_new_projects", now, timedelta(minutes=15))
    window = {"is_published": True, "visibility": Visibility.PUBLIC, "published_at__gt": since, "published_at__lte": now}
    with platform_wide():
        instance_ids = set(Project.objects.filter(**window, districts__isnull=False).values_list("instance_id", flat=True))
    sent = 0
    for instance in Instance.objects.filter(pk__in=instance_ids, is_active=True):
        with in_instance(instance):
            for project in Project.objects.filter(**window).prefetch_related("districts"):
                districts = list(project.districts.all())
                if districts:
                    context = {"district": ", ".join(district.name for district in districts)}
                    sent += fan_out(project, "new_project_in_district", context, "essential",
                                    also_followers_of=districts, target_followers=False)
    return sent


REMIND_BEFORE = timedelta(hours=24)


@shared_task(**RETRY)
def remind_events(now=None):
    """Registered participants are reminded once, about a day before their event starts."""
    if not apps.is_installed("participe.site"):
        return 0
    Event = apps.get_model("website", "Event")  # noqa: N806 - a model class
    Registration = apps.get_model("website", "Registration")  # noqa: N806
    now = timezone.now() if now is None else datetime.fromisoformat(now)
    with transaction.atomic():
        since = _window("remind_events", now, timedelta(minutes=30))
    window = {"starts_at__gt": since + REMIND_BEFORE, "starts_at__lte": now + REMIND_BEFORE, "is_published": True}
    with platform_wide():
        instance_ids = set(Event.objects.filter(**window).values_list("instance_id", flat=True))
    sent = 0
    for instance in Instance.objects.filter(pk__in=instance_ids, is_active=True):
        with in_instance(instance), translation.override(instance.default_language):
            registrations = Registration.objects.filter(
                event__in=Event.objects.filter(**window), status="confirmed"
            ).select_related("event", "user__instance")
            for registration in registrations.iterator(chunk_size=500):
                when = formats.date_format(timezone.localtime(registration.event.starts_at, instance.tz), "DATETIME_FORMAT")
                notify(registration.user, "event_reminder", registration.event, {"when": when})
                sent += 1
    return sent


KEEP_READ = timedelta(days=180)
KEEP_ANY = timedelta(days=365)


@shared_task(**RETRY)
def purge_old_notifications(now=None):
    """The in-app list is news, not an archive: read lines go after six months, all after a year."""
    now = timezone.now() if now is None else datetime.fromisoformat(now)
    with platform_wide():
        deleted, _ = Notification.objects.filter(
            Q(read_at__lt=now - KEEP_READ) | Q(created_at__lt=now - KEEP_ANY)
        ).delete()
    return deleted
