from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    name = "participe.follows"
    label = "follows"
    verbose_name = _("Follows")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "follows/"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from participe.accounts import personal_data
        from participe.follows.personal_data import follows_of

        personal_data.register("follows", follows_of)

        # Projects, steps and districts are followable everywhere; modules declare their own objects.
        from dataclasses import asdict

        from django.apps import apps

        from participe.participation.registry import participation
        from participe.projects.models import Project, Step

        followable = [Project, Step]
        if apps.is_installed("participe.site"):
            followable.append(apps.get_model("website", "District"))
        for model in followable:
            if not participation.is_declared(model, "followable"):
                participation.declare(model, **{**asdict(participation.features(model)), "followable": True})
