"""Everything the toy petition module is, in one declaration: nothing in participe/ names it."""

from participe.participation.manifest import Contribution, Module, modules
from participe.projects.registry import StepState, StepType
from tests.toy_petition import personal_data, search
from tests.toy_petition.models import Petition

OPEN = {StepState.OPEN}

modules.register(
    Module(
        key="toy_petition",
        step_types=[
            StepType(
                key="petition",
                label="Petition",
                description="Participants start petitions and support them.",
                view="tests.toy_petition.views.step_page",
                actions={"start": OPEN, "vote": OPEN},
                editors="tests.toy_petition.gestion.editors",
            ),
        ],
        contributions=[
            Contribution(Petition, votable="support", reportable=True, searchable=search.petitions,
                         personal_data="petitions"),
        ],
        personal_data={"petitions": personal_data.petitions_of},
        gestion_urls="tests.toy_petition.gestion",
    )
)
