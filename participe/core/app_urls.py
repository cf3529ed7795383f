"""Apps mount their own URLs by declaring `url_prefix` on their AppConfig; the root URLconf never names them."""

from django.apps import apps
from django.urls import include, path


def app_urlpatterns():
    for config in apps.get_app_configs():
        prefix = getattr(config, "url_prefix", None)
        if prefix is not None:
            yield path(prefix, include(f"{config.name}.urls"))
