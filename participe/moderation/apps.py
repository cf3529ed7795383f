from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "participe.moderation"
    label = "moderation"
    verbose_name = _("Moderation")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "moderation/"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from participe.accounts import personal_data
        from participe.moderation.personal_data import reports_by

        personal_data.register("reports", reports_by)
