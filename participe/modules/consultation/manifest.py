"""Everything the consultation module is: its step types, what participants act on, its data and its demo."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from participe.modules.consultation import demo, importer, personal_data, search
from participe.modules.consultation.models import Amendment, Argument, Debate, DebateArgument, Opinion, Source
from participe.participation.manifest import Contribution, Importer, Module, modules
from participe.projects.registry import StepState, StepType

OPEN = {StepState.OPEN}

modules.register(
    Module(
        key="consultation",
        step_types=[
            StepType(
                key="consultation",
                label=_("Consultation"),
                description=_(
                    "A text put up section by section, article by article: opinions, amendments, arguments, sources and votes."
                ),
                view="participe.modules.consultation.views.step_page",
                settings_form="participe.comments.forms.CommentSettingsForm",
                actions={"contribute": OPEN, "amend": OPEN, "argue": OPEN, "source": OPEN, "vote": OPEN, "comment": OPEN},
                exporters="participe.modules.consultation.exports.exporters_for_step",
                creates="participe.modules.consultation.setup.create_consultation",
                checklist="participe.modules.consultation.setup.consultation_checklist",
                editors="participe.modules.consultation.gestion.editors.consultation_editors",
            ),
            StepType(
                key="debate",
                label=_("Debate"),
                description=_(
                    "A question with two face-to-face statements: participants vote for or against and give arguments."
                ),
                view="participe.modules.consultation.views.step_page",
                settings_form="participe.comments.forms.CommentSettingsForm",
                actions={"vote": OPEN, "argue": OPEN, "comment": OPEN},
                creates="participe.modules.consultation.setup.create_debate",
                checklist="participe.modules.consultation.setup.debate_checklist",
                editors="participe.modules.consultation.gestion.editors.debate_editors",
            ),
            StepType(
                key="ranking",
                label=_("Ranking"),
                description=_("The top opinions and amendments of a consultation, read-only."),
                view="participe.modules.consultation.views.step_page",
                settings_form="participe.modules.consultation.forms.RankingSettingsForm",
                checklist="participe.modules.consultation.setup.ranking_checklist",
                participatory=False,
            ),
        ],
        contributions=[
            # The section's vote widget sets the kind of each opinion and amendment (or offers no vote).
            Contribution(Opinion, commentable=True, votable="agree3", followable=True, reportable=True,
                         personal_data="consultation", searchable=search.opinions,
                         vote_kind=attrgetter("vote_kind_key"), select_related=("section",)),
            Contribution(Amendment, commentable=True, votable="agree3", followable=True, reportable=True,
                         personal_data="consultation", searchable=search.amendments,
                         vote_kind=attrgetter("vote_kind_key"), select_related=("opinion__section",)),
            Contribution(Argument, votable="useful", reportable=True, personal_data="consultation",
                         searchable=search.arguments),
            Contribution(Source, reportable=True, personal_data="consultation", searchable=search.sources),
            Contribution(Debate, votable="for_against", followable=True, commentable=True, searchable=search.debates),
            Contribution(DebateArgument, votable="useful", reportable=True, personal_data="consultation",
                         searchable=search.debate_arguments),
        ],
        personal_data={"consultation": personal_data.contributions_of},
        importers={
            "republique-numerique": Importer(
                importer.import_republique_numerique, help=_("The République numérique dump (2015)")
            ),
        },
        demo=demo.load_demo,
        notifications=["contribution_answered"],
        gestion_urls="participe.modules.consultation.gestion.urls",
    )
)
