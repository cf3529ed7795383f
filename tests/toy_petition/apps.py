from django.apps import AppConfig


class ToyPetitionConfig(AppConfig):
    """A module written only from the guide (docs/modules/writing-a-module.md): installed by tests/settings.py."""

    name = "tests.toy_petition"
    label = "toy_petition"
    verbose_name = "Toy petitions"
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "toy-petition/"

    def ready(self):
        from . import manifest  # noqa: F401
