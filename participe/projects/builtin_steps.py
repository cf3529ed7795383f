from django.utils.translation import gettext_lazy as _

from participe.projects.registry import StepType, step_types

step_types.register(
    StepType(
        key="presentation",
        label=_("Presentation"),
        description=_("A page of text presenting the project or this stage of it."),
        participatory=False,
    )
)
step_types.register(
    StepType(
        key="other",
        label=_("Other"),
        description=_("Free content, for a stage that happens off the website (a meeting, a study)."),
        participatory=False,
    )
)
