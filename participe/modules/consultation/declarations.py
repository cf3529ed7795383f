"""Everything this module declares to the core: step types, participation features, importer, demo."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from participe.core import demo_content, importers
from participe.modules.consultation.models import Amendment, Argument, Debate, DebateArgument, Opinion, Source
from participe.participation.registry import participation
from participe.projects.registry import StepState, StepType, step_types

OPEN = {StepState.OPEN}
CONTRIBUTION_ACTIONS = {"contribute": OPEN, "amend": OPEN, "argue": OPEN, "source": OPEN, "vote": OPEN, "comment": OPEN}

step_types.register(
    StepType(
        key="consultation",
        label=_("Consultation"),
        description=_("A text put up section by section, article by article: opinions, amendments, arguments, sources and votes."),
        view="participe.modules.consultation.views.step_page",
        actions=CONTRIBUTION_ACTIONS,
        exporters="participe.modules.consultation.exports.exporters_for_step",
    )
)
step_types.register(
    StepType(
        key="debate",
        label=_("Debate"),
        description=_("A question with two face-to-face statements: participants vote for or against and give arguments."),
        view="participe.modules.consultation.views.step_page",
        actions={"vote": OPEN, "argue": OPEN, "comment": OPEN},
    )
)
step_types.register(
    StepType(
        key="ranking",
        label=_("Ranking"),
        description=_("The top opinions and amendments of a consultation, read-only."),
        view="participe.modules.consultation.views.step_page",
        settings_form="participe.modules.consultation.forms.RankingSettingsForm",
        participatory=False,
    )
)

# The section's vote widget sets the kind of each opinion and amendment (or offers no vote).
participation.declare(
    Opinion, commentable=True, votable="agree3", followable=True, reportable=True,
    vote_kind=attrgetter("vote_kind_key"), select_related=("section",),
)
participation.declare(
    Amendment, commentable=True, votable="agree3", followable=True, reportable=True,
    vote_kind=attrgetter("vote_kind_key"), select_related=("opinion__section",),
)
participation.declare(Argument, votable="useful", reportable=True)
participation.declare(Source, reportable=True)
participation.declare(Debate, votable="for_against", followable=True, commentable=True)
participation.declare(DebateArgument, votable="useful", reportable=True)


def _import_republique_numerique(path, instance, **options):
    from participe.modules.consultation.importer import import_republique_numerique

    return import_republique_numerique(path, instance, **options)


importers.register("republique-numerique", _import_republique_numerique, help=_("The République numérique dump (2015)"))


@demo_content.register
def _demo(instance, accounts, now):
    from participe.modules.consultation.demo import load_demo

    load_demo(instance, accounts, now)
