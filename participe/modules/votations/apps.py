from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotationsConfig(AppConfig):
    name = "participe.modules.votations"
    label = "votations"
    verbose_name = _("Votations")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "votations/"

    def ready(self):
        from . import manifest  # noqa: F401
