"""Periodic jobs, added to Celery beat's schedule when the app loads (run `celery -A participe beat`)."""

from celery.schedules import crontab

from participe.celery import app

app.conf.beat_schedule.update(
    {
        "announce-step-changes": {
            "task": "participe.notifications.tasks.announce_step_changes",
            "schedule": 5 * 60,
        },
        "event-reminders": {
            "task": "participe.notifications.tasks.remind_events",
            "schedule": 15 * 60,
        },
        "purge-old-notifications": {
            "task": "participe.notifications.tasks.purge_old_notifications",
            "schedule": crontab(hour=3, minute=15, day_of_week=0),
        },
        "announce-new-projects": {
            "task": "participe.notifications.tasks.announce_new_projects",
            "schedule": 5 * 60,
        },
        # Hourly: each instance's digests go out at 7 in its own time zone.
        "daily-digests": {
            "task": "participe.notifications.tasks.send_daily_digests",
            "schedule": crontab(minute=30),
        },
    }
)
