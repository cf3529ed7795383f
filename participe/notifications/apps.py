from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "participe.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "notifications/"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from participe.accounts import personal_data
        from participe.notifications.personal_data import notifications_of

        personal_data.register("notifications", notifications_of)

        from participe.notifications import schedule  # noqa: F401 - registers the periodic jobs
        from participe.notifications.receivers import announce_publication, tell_commented_authors
        from participe.participation.signals import contribution_published

        contribution_published.connect(announce_publication, dispatch_uid="notifications.announce_publication")
        contribution_published.connect(tell_commented_authors, dispatch_uid="notifications.tell_commented_authors")

        from participe.exports.signals import export_finished
        from participe.notifications.receivers import tell_export_owner

        export_finished.connect(tell_export_owner, dispatch_uid="notifications.tell_export_owner")
