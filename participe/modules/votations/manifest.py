"""Everything the votations module is: the votation step, its ballot form lock, the pool and counting jobs, its demo."""

from django.utils.translation import gettext_lazy as _

from participe.modules.votations import demo, services, setup
from participe.modules.votations.gestion import todo
from participe.participation.manifest import Module, modules
from participe.projects.registry import StepState, StepType

modules.register(
    Module(
        key="votations",
        step_types=[
            StepType(
                key="votation",
                label=_("Votation"),
                description=_("A formal secret vote of a defined electorate, with receipts and published results."),
                view="participe.modules.votations.views.step_page",
                creates="participe.modules.votations.setup.create_votation",
                checklist="participe.modules.votations.setup.checklist",
                forms="participe.modules.votations.setup.forms",
                editors="participe.modules.votations.gestion.editors.editors",
                actions={"vote": {StepState.OPEN}},
            ),
        ],
        schedules={
            "votations-count-closed": {
                "task": "participe.modules.votations.tasks.count_closed_votations",
                "schedule": 300.0,
            },
            "votations-flush-pools": {
                "task": "participe.modules.votations.tasks.flush_ballot_pools",
                "schedule": 60.0,
            },
        },
        gestion_urls="participe.modules.votations.gestion.urls",
        gestion_todo=[todo.results_to_publish],
        form_locks=[services.ballot_form_lock],
        form_owners=[setup.form_owners],
        demo=demo.load_demo,
    )
)
