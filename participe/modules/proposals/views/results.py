"""The results page (rule explained, ranking, budget per district, MES shares) and the exports."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.exports.responses import csv_response
from participe.exports.writers import xlsx_bytes
from participe.modules.proposals import results as results_service
from participe.modules.proposals.exports import BallotExporter, ResultExporter, pabulib_text
from participe.modules.proposals.step_settings import vote_settings
from participe.modules.proposals.tasks import compute_results
from participe.modules.proposals.views.common import is_staff_of, step_or_404
from participe.projects.views import step_page_context


def _visible_result(request, step, rule):
    settings = vote_settings(step)
    if settings.type == "none":
        raise Http404
    if settings.is_secret():
        return None  # secret until the date: nobody, administrators included, sees counts
    run = results_service.latest(step, rule)
    if run is None and rule == "greedy":
        run = results_service.run(step, rule)  # cheap: computed on the first visit
    return run


def page(request, step_id):
    step = step_or_404(request, step_id)
    settings = vote_settings(step)
    rule = request.GET.get("rule") if request.GET.get("rule") in results_service.RULES else settings.rule
    run = _visible_result(request, step, rule)
    context = step_page_context(request, step)
    context.update(
        {"run": run, "result": run.payload if run else None, "rule": rule, "vote": settings,
         "secret": settings.is_secret(), "staff": is_staff_of(request.user, step)}
    )
    return render(request, "proposals/results.html", context)


@require_POST
def recompute(request, step_id):
    """Staff ask for a fresh result; the rule runs as a background job."""
    step = step_or_404(request, step_id)
    if not is_staff_of(request.user, step):
        return HttpResponseForbidden()
    rule = request.POST.get("rule") if request.POST.get("rule") in results_service.RULES else "greedy"
    compute_results.delay(step.instance_id, step.pk, rule)
    messages.success(request, _("The result is being computed; reload this page in a moment."))
    return redirect(f"/proposals/step/{step.pk}/results/?rule={rule}")


# Exports that hold every ballot: the staff's own, at all times (results are public once counts are).
BALLOT_EXPORTS = ("ballots", "election")


def export(request, step_id, what, fmt):
    step = step_or_404(request, step_id)
    settings = vote_settings(step)
    if settings.is_secret():
        raise Http404
    if what in BALLOT_EXPORTS and not is_staff_of(request.user, step):
        raise Http404
    if what == "election":
        response = HttpResponse(pabulib_text(step), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="election-{step.pk}.pb"'
        return response
    if what == "ballots":
        exporter = BallotExporter(step)
    else:
        run = _visible_result(request, step, request.GET.get("rule") or settings.rule)
        if run is None:
            raise Http404
        exporter = ResultExporter(run.payload)
    if fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(exporter), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{exporter.filename}-{step.pk}.xlsx"'
        return response
    return csv_response(request, exporter, f"{exporter.filename}-{step.pk}")
