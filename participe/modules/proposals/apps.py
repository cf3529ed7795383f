from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "participe.modules.proposals"
    label = "proposals"
    verbose_name = _("Proposals")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "proposals/"

    def ready(self):
        from . import manifest  # noqa: F401
