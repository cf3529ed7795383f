from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ActionlogConfig(AppConfig):
    name = "participe.actionlog"
    label = "actionlog"
    verbose_name = _("Action log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from django.contrib.admin.models import LogEntry

        from participe.actionlog.receivers import mirror_admin_entry

        post_save.connect(mirror_admin_entry, sender=LogEntry, dispatch_uid="actionlog.mirror_admin_entry")
