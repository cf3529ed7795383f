from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "participe.search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "search/"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from participe.search.backends import register_sqlite_functions

        connection_created.connect(
            register_sqlite_functions, dispatch_uid="participe_search_sqlite_functions"
        )
        # Each app's search_sources.py registers what it lets visitors find.
        autodiscover_modules("search_sources")
