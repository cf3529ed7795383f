from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GestionWebsiteConfig(AppConfig):
    """The back office of the public site: its content, the instance's look and its legal pages."""

    name = "participe.gestion.website"
    label = "gestion_website"
    verbose_name = _("Website (back office)")
