from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotationsConfig(AppConfig):
    name = "participe.modules.votations"
    label = "votations"
    verbose_name = _("Votations")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "votations/"

    def ready(self):
        from participe.core import demo_content
        from participe.modules.votations.demo import load_demo

        demo_content.register(load_demo)
        from participe.celery import app

        app.conf.beat_schedule.update(
            {
                "votations-count-closed": {
                    "task": "participe.modules.votations.tasks.count_closed_votations",
                    "schedule": 300.0,
                }
            }
        )
        from participe.modules.votations import services  # noqa: F401 - registers the ballot lock
        from participe.projects.registry import StepState, StepType, step_types

        step_types.register(
            StepType(
                key="votation",
                label=_("Votation"),
                description=_("A formal secret vote of a defined electorate, with receipts and published results."),
                view="participe.modules.votations.views.step_page",
                actions={"vote": {StepState.OPEN}},
            )
        )
