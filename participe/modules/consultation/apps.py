from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "participe.modules.consultation"
    label = "consultation"
    verbose_name = _("Consultation")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "consultation/"

    def ready(self):
        from participe.modules.consultation import manifest  # noqa: F401
