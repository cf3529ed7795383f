"""What the votations module adds to the dashboard's "What needs me now" (Module.gestion_todo)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from participe.gestion.dashboard import managed_projects
from participe.modules.votations.models import Votation

SHOWN = 5


def results_to_publish(user):
    """The closed votations of the user's projects whose results are not published yet: one query."""
    if not user.has_perm("gestion.view_projects"):
        return []
    waiting = (
        Votation.objects.filter(
            results_published_at__isnull=True, step__is_enabled=True, step__ends_at__lte=timezone.now(),
            step__project__in=managed_projects(user).values("pk"),
        )
        .select_related("step")
        .order_by("step__ends_at", "pk")[:SHOWN]
    )
    return [
        (
            _("Results to publish: %(title)s") % {"title": votation.step.title},
            1,
            reverse("gestion:votations:results", args=[votation.step_id]),
            _("The vote is closed: count the ballots, review the results and publish them."),
        )
        for votation in waiting
    ]
