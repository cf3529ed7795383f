from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participe.participation"
    label = "participation"
    verbose_name = _("Participation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from participe.accounts.signals import email_confirmed
        from participe.participation.receivers import publish_once_confirmed

        email_confirmed.connect(publish_once_confirmed, dispatch_uid="participation.publish_once_confirmed")

        from participe.participation.participants import on_contribution_published
        from participe.participation.signals import contribution_published

        contribution_published.connect(on_contribution_published, dispatch_uid="participation.count_participant")

        from participe.participation import purges

        purges.connect()  # anonymous pages purged at once on any change of what visitors may see
