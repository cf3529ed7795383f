from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "participe.modules.questionnaires"
    label = "questionnaires"
    verbose_name = _("Questionnaires")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "questionnaires/"

    def ready(self):
        from participe.core import demo_content
        from participe.modules.questionnaires.demo import load_demo

        demo_content.register(load_demo)
        from participe.accounts import personal_data
        from participe.modules.questionnaires.services import personal_replies
        from participe.projects.registry import StepState, StepType, step_types

        personal_data.register("questionnaire_replies", personal_replies)

        step_types.register(
            StepType(
                key="questionnaire",
                label=_("Questionnaire"),
                description=_("A survey with many question types, pages and logic jumps."),
                view="participe.modules.questionnaires.views.step_page",
                settings_form="participe.modules.questionnaires.forms.StepSettingsForm",
                actions={"reply": {StepState.OPEN}},
            )
        )
