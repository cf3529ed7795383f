from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "participe.projects"
    verbose_name = _("Projects")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "projects/"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        # Registrations: the built-in step types (presentation, other), the demo projects, the GDPR export.
        from participe.projects import builtin_steps, demo, personal_data  # noqa: F401
