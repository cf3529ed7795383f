from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotesConfig(AppConfig):
    name = "participe.votes"
    label = "votes"
    verbose_name = _("Votes")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "votes/"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from participe.accounts import personal_data
        from participe.accounts.signals import email_confirmed
        from participe.votes import demo  # noqa: F401 - the demo's vote totals register themselves
        from participe.votes.personal_data import votes_of
        from participe.votes.receivers import count_votes_once_confirmed

        personal_data.register("votes", votes_of)

        email_confirmed.connect(count_votes_once_confirmed, dispatch_uid="votes.count_once_confirmed")

        from participe.celery import app

        # The steps' and projects' vote totals (participe.votes.tallies): votes never lock those rows.
        app.conf.beat_schedule.update(
            {"recount-step-votes": {"task": "participe.votes.tasks.recount_step_votes", "schedule": 60.0}}
        )
