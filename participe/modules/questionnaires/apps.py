from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "participe.modules.questionnaires"
    label = "questionnaires"
    verbose_name = _("Questionnaires")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "questionnaires/"

    def ready(self):
        from . import manifest  # noqa: F401
