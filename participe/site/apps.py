from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "participe.site"
    label = "website"
    verbose_name = _("Website content")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = ""

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from participe.site import accounts, demo, geocoding, project_panels  # noqa: F401 - demo and panels register themselves

        accounts.connect()
        geocoding.connect()
