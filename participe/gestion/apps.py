from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GestionConfig(AppConfig):
    name = "participe.gestion"
    label = "gestion"
    verbose_name = _("Organisers' back office")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "gestion/"
