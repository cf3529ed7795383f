from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """Its URLs are included by participe.gestion.urls (namespace "gestion"); no url_prefix of its own."""

    name = "participe.gestion.community"
    label = "gestion_community"
    verbose_name = _("Back office: participants and contributions")
    default_auto_field = "django.db.models.BigAutoField"
