from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "participe.translations"
    label = "translations"
    verbose_name = _("Translations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the app registry is ready: these modules load models, which apps.py must not load.
        from participe.translations import demo, signals  # noqa: F401 - the demo loader registers itself

        signals.connect()
