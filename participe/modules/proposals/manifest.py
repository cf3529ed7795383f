"""Everything the proposals module is: collect and selection steps, proposals and their votes, data, jobs, demo."""

from operator import attrgetter

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from participe.accounts.signals import email_confirmed
from participe.modules.proposals import analysis, demo, importer, notices, personal_data, search, setup
from participe.modules.proposals.ballots import recount_voter
from participe.modules.proposals.gestion import move, todo
from participe.modules.proposals.gestion import tasks as gestion_tasks  # noqa: F401 - workers learn its jobs
from participe.modules.proposals.models import Proposal, Selection, selection_deleted, selection_saved
from participe.participation.manifest import Contribution, Importer, Module, modules
from participe.projects.registry import StepState, StepType

OPEN = {StepState.OPEN}
OPEN_OR_CLOSED = {StepState.OPEN, StepState.CLOSED}

modules.register(
    Module(
        key="proposals",
        step_types=[
            StepType(
                key="collect",
                label=_("Collect of proposals"),
                description=_("Participants submit proposals (idea box, call for projects, participatory budget)."),
                view="participe.modules.proposals.views.lists.step_page",
                settings_form="participe.modules.proposals.forms.CollectSettingsForm",
                creates="participe.modules.proposals.setup.create_collect",
                checklist="participe.modules.proposals.setup.checklist",
                votes_tally="participe.modules.proposals.ballots.counted_ballots",
                forms="participe.modules.proposals.setup.forms",
                editors="participe.modules.proposals.gestion.editors.editors",
                actions={"contribute": OPEN, "vote": OPEN, "comment": OPEN, "follow": OPEN_OR_CLOSED},
            ),
            StepType(
                key="selection",
                label=_("Selection of proposals"),
                description=_("Some proposals move into this step: vote, analysis or results, with statuses."),
                view="participe.modules.proposals.views.lists.step_page",
                settings_form="participe.modules.proposals.forms.SelectionSettingsForm",
                checklist="participe.modules.proposals.setup.checklist",
                votes_tally="participe.modules.proposals.ballots.counted_ballots",
                forms="participe.modules.proposals.setup.forms",
                editors="participe.modules.proposals.gestion.editors.editors",
                actions={"vote": OPEN, "comment": OPEN, "follow": OPEN_OR_CLOSED},
            ),
        ],
        contributions=[
            # A proposal's votes go to the step that is voting on it now, counted per step.
            Contribution(
                Proposal, commentable=True, votable="support", followable=True, reportable=True,
                personal_data="proposals", searchable=search.proposals,
                vote_step=attrgetter("voting_step"), count_in_step=Proposal.count_votes_in_step,
                refresh_counters=Proposal.refresh_vote_counters, votes_secret=attrgetter("votes_are_secret"),
                # The back office's contributions table merges duplicates with their votes, followers and authors.
                merge=analysis.merge,
                # A proposal changes collect step with its supports (gestion/move.py says what follows it).
                movable=move.move_proposals,
                gestion_page="gestion:proposals:proposal",
            ),
        ],
        personal_data={"proposals": personal_data.proposals_of, "proposal_ballots": personal_data.ballots_of},
        importers={
            "pabulib": Importer(importer.import_pabulib, help=_("A participatory budget from a pabulib .pb file.")),
        },
        schedules={
            "proposals-publish-decisions": {
                "task": "participe.modules.proposals.tasks.publish_due_decisions",
                "schedule": 300.0,
            },
            "proposals-refresh-results": {
                "task": "participe.modules.proposals.tasks.refresh_results",
                "schedule": 60.0,
            },
        },
        demo=demo.load_demo,
        form_owners=[setup.form_owners],
        notifications=["contribution_answered", "followed_status_changed", "realisation_progress"],
        gestion_urls="participe.modules.proposals.gestion.urls",
        gestion_sections=[(_("Analysis"), "gestion:proposals:analysis", "gestion.analyse")],
        gestion_todo=[todo.proposals_to_analyse],
        action_labels={
            "proposals.evaluated": _("Proposal assessed"),
            "proposals.revision_asked": _("Revision asked of the author"),
            "proposals.assigned": _("Analysts assigned"),
            "proposals.status_changed": _("Status changed"),
            "proposals.decided": _("Decision taken"),
            "proposals.moved": _("Moved to a selection step"),
            "proposals.results_published": _("Results published"),
            "proposals.results_unpublished": _("Results unpublished"),
        },
    )
)

notices.connect()

# A proposal knows the selection step it was last moved into (`Proposal.selected_into`), whatever adds or deletes
# its selections (bulk creations: `SelectionQuerySet`).
post_save.connect(selection_saved, sender=Selection, dispatch_uid="proposals.selection_saved")
post_delete.connect(selection_deleted, sender=Selection, dispatch_uid="proposals.selection_deleted")

# Ballots filled before the voter confirmed their e-mail count from the confirmation on.
email_confirmed.connect(recount_voter, dispatch_uid="proposals.count_ballots_once_confirmed")
