"""Everything the questionnaires module is: the questionnaire step, the replies in the GDPR export, its demo."""

from django.utils.translation import gettext_lazy as _

from participe.modules.questionnaires import demo, services, setup
from participe.participation.manifest import Module, modules
from participe.projects.registry import StepState, StepType

modules.register(
    Module(
        key="questionnaires",
        step_types=[
            StepType(
                key="questionnaire",
                label=_("Questionnaire"),
                description=_("A survey with many question types, pages and logic jumps."),
                view="participe.modules.questionnaires.views.step_page",
                creates="participe.modules.questionnaires.setup.create_questionnaire",
                checklist="participe.modules.questionnaires.setup.checklist",
                forms="participe.modules.questionnaires.setup.forms",
                editors="participe.modules.questionnaires.gestion.editors.editors",
                actions={"reply": {StepState.OPEN}},
            ),
        ],
        personal_data={"questionnaire_replies": services.personal_replies},
        gestion_urls="participe.modules.questionnaires.gestion.urls",
        form_owners=[setup.form_owners],
        demo=demo.load_demo,
    )
)
