from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstancesConfig(AppConfig):
    name = "participe.instances"
    verbose_name = _("Instances")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from participe.instances import resolver  # noqa: F401 - connects the cache invalidation signals
