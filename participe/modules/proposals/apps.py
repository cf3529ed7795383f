from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "participe.modules.proposals"
    label = "proposals"
    verbose_name = _("Proposals")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "proposals/"

    def ready(self):
        from participe.accounts import personal_data
        from participe.accounts.signals import email_confirmed
        from participe.celery import app
        from participe.core import demo_content, importers
        from participe.modules.proposals import steps
        from participe.modules.proposals.ballots import recount_voter
        from participe.modules.proposals.importer import import_pabulib
        from participe.modules.proposals.models import Proposal
        from participe.modules.proposals.personal_data import ballots_of, proposals_of
        from participe.participation.registry import participation

        steps.register()
        from participe.modules.proposals.demo import load_demo

        demo_content.register(load_demo)
        personal_data.register("proposals", proposals_of)
        personal_data.register("proposal_ballots", ballots_of)
        email_confirmed.connect(recount_voter, dispatch_uid="proposals.count_ballots_once_confirmed")
        participation.declare(Proposal, commentable=True, votable="support", followable=True, reportable=True)
        importers.register("pabulib", import_pabulib, help=_("A participatory budget from a pabulib .pb file."))
        app.conf.beat_schedule.update(
            {
                "proposals-publish-decisions": {
                    "task": "participe.modules.proposals.tasks.publish_due_decisions",
                    "schedule": 300.0,
                }
            }
        )
