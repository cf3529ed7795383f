"""What the proposals module adds to the dashboard's "What needs me now" (Module.gestion_todo)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from participe.modules.proposals.models import AnalysisState, Proposal
from participe.participation.models import Status


def waiting_for(user):
    """Proposals whose analysis is not done, assigned to `user` or to nobody yet (an administrator assigns them)."""
    waiting = Proposal.objects.exclude(status=Status.DELETED).filter(
        analysis_state__in=[AnalysisState.TODO, AnalysisState.IN_PROGRESS]
    )
    mine_or_nobody = Q(pk__in=Proposal.objects.assigned_to(user).values("pk")) | Q(
        analysts__isnull=True, supervisor__isnull=True
    )
    return waiting.filter(mine_or_nobody)


def proposals_to_analyse(user):
    """One to-do line, in one query."""
    if not user.has_perm("gestion.analyse"):
        return []
    count = waiting_for(user).values("pk").distinct().count()
    sentence = ngettext(
        "%(counter)s proposal assigned to you or to nobody is waiting for its analysis.",
        "%(counter)s proposals assigned to you or to nobody are waiting for their analysis.",
        count,
    ) % {"counter": count}
    return [(_("Proposals to analyse"), count, reverse("gestion:proposals:analysis"), sentence)]
