"""The step types of the proposals module: collect (idea box, call for projects, budget) and selection."""

from django.utils.translation import gettext_lazy as _

from participe.projects.registry import StepState, StepType, step_types

OPEN = {StepState.OPEN}


def register():
    step_types.register(
        StepType(
            key="collect",
            label=_("Collect of proposals"),
            description=_("Participants submit proposals (idea box, call for projects, participatory budget)."),
            view="participe.modules.proposals.views.lists.step_page",
            settings_form="participe.modules.proposals.forms.CollectSettingsForm",
            actions={"contribute": OPEN, "vote": OPEN, "comment": OPEN, "follow": {StepState.OPEN, StepState.CLOSED}},
        )
    )
    step_types.register(
        StepType(
            key="selection",
            label=_("Selection of proposals"),
            description=_("Some proposals move into this step: vote, analysis or results, with statuses."),
            view="participe.modules.proposals.views.lists.step_page",
            settings_form="participe.modules.proposals.forms.SelectionSettingsForm",
            actions={"vote": OPEN, "comment": OPEN, "follow": {StepState.OPEN, StepState.CLOSED}},
        )
    )
