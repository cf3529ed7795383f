"""Results of a vote step for its organiser: compute, review (winners, the rule in words, when, how many ballots),
publish or unpublish, and whether the public sees them during the vote. Nothing is public before publication."""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from participe.core.params import int_param
from participe.gestion.access import staff_view
from participe.modules.proposals import publication
from participe.modules.proposals.gestion import services
from participe.modules.proposals.gestion.views.common import proposal_step
from participe.modules.proposals.models import ResultRun
from participe.modules.proposals.step_settings import vote_settings
from participe.modules.proposals.tasks import ask_for_result

PHASES = {
    "ballots": gettext_lazy("loading the ballots"),
    "mes": gettext_lazy("equal shares"),
    "completion": gettext_lazy("completion"),
}
# While a computation runs, the page reloads itself this often (seconds; no JavaScript needed).
REFRESH = 2


def _progress(pending):
    """(percent, phase in words) of a pending run; (0, None) before its first report."""
    progress = (pending.payload or {}).get("progress") if isinstance(pending.payload, dict) else None
    if not isinstance(progress, dict):
        return 0, None
    try:
        percent = max(0, min(int(progress.get("percent") or 0), 100))
    except (TypeError, ValueError):
        percent = 0
    return percent, PHASES.get(progress.get("phase"))


def _failure(step, rule):
    """The newest run of `rule` if it failed (newer than any result): what went wrong, for the organiser."""
    newest = ResultRun.objects.filter(step=step, rule=rule).first()
    if newest is None or newest.state != ResultRun.State.FAILED:
        return None
    return newest


@staff_view("gestion.view_projects")
def results(request, pk):
    step = proposal_step(request, pk)
    settings = vote_settings(step)
    rule = publication.own_rule(step)
    run = publication.latest(step, rule) if settings.type != "none" else None
    pending = publication.pending_run(step, rule) if settings.type != "none" else None
    percent, phase = _progress(pending) if pending else (0, None)
    failed = _failure(step, rule) if settings.type != "none" and not pending else None
    context = {
        "project": step.project,
        "step": step,
        "vote": settings,
        "run": run,
        "rule_text": publication.describe(run, settings.type) if run else "",
        "published": publication.published(step) if settings.type != "none" else None,
        "pending": pending,
        "percent": percent,
        "phase": phase,
        "refresh": REFRESH if pending else None,
        "failed": failed,
        "failure": (failed.payload or {}).get("error", "")
        if failed and isinstance(failed.payload, dict)
        else "",
        "stale": run is not None and publication.is_stale(run, step),
        "secret": settings.is_secret(),
        "visible_during_vote": publication.visible_during_vote(step),
    }
    return render(request, "proposals/gestion/results.html", context)


@require_POST
@staff_view("gestion.view_projects")
def results_action(request, pk):
    step = proposal_step(request, pk)
    settings = vote_settings(step)
    action = request.POST.get("action")
    if settings.type == "none" or action not in ("compute", "publish", "unpublish", "visibility"):
        raise BadRequest
    if action == "compute":
        ask_for_result(step, publication.own_rule(step))
        messages.success(request, _("The results are being computed; reload this page in a moment."))
    elif action == "publish":
        _publish(request, step, settings)
    elif action == "unpublish":
        services.unpublish_results(step, request.user)
        messages.success(request, _("The results are not public any more."))
    else:
        visible = request.POST.get("visible") == "1"
        services.show_results_during_vote(step, visible)
        messages.success(
            request,
            _("The public sees the results during the vote.")
            if visible
            else _("The public sees the results only once you publish them."),
        )
    return redirect("gestion:proposals:results", step.pk)


def _publish(request, step, settings):
    run_id = int_param(request.POST, "run", strict=True)
    run = publication.latest(step, publication.own_rule(step))
    if run is None or run.pk != run_id or run.state != ResultRun.State.DONE:
        messages.error(
            request, _("These results are not the latest any more: review the new ones, then publish.")
        )
    elif settings.is_secret():
        messages.error(
            request, _("The counts are secret until the date set: the results cannot be published yet.")
        )
    else:
        publication.publish(run, request.user)
        messages.success(request, _("The results are published."))
