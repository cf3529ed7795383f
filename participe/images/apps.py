from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "participe.images"
    label = "images"
    verbose_name = _("Images")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the app registry is ready: the receivers read every model's cover fields.
        from participe.images import demo, receivers  # noqa: F401 - the demo loader registers itself

        receivers.connect()
