from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "participe.core"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"
