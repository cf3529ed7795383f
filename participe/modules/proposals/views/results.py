"""The results page (rule explained, ranking, budget per district, MES shares), the organiser's publication and
check, each voter's own account, and the exports."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.core.params import parse_id
from participe.exports.responses import csv_response
from participe.exports.writers import xlsx_bytes
from participe.modules.proposals import pabulib, publication, rules
from participe.modules.proposals import results as results_service
from participe.modules.proposals.exports import (
    BallotExporter,
    ResultExporter,
    election_as_pabulib,
    pabulib_text,
)
from participe.modules.proposals.models import ResultRun
from participe.modules.proposals.step_settings import vote_settings
from participe.modules.proposals.tasks import ask_for_result
from participe.modules.proposals.views.common import is_staff_of, step_or_404
from participe.projects.views import step_page_context
from participe.site.models import District


def _asked_rule(request, step, staff):
    """The rule whose result is shown: the step's own; the staff may compare with the other one."""
    own = publication.own_rule(step)
    asked = request.GET.get("rule")
    return asked if staff and asked in results_service.RULES else own


def _shown_run(step, rule, staff):
    """The result the visitor may see: the organiser sees the latest, the public the published one, or the
    latest when the step shows results during the vote; None: nothing to show (yet). A GET computes nothing:
    the beat task (`tasks.refresh_results`) does within a minute, or the organiser's "compute" button."""
    if staff:
        return publication.latest(step, rule)
    published = publication.published(step)
    if published is not None:
        return published
    return publication.latest(step, rule) if publication.visible_during_vote(step) else None


def _explained(payload):
    """The payload with each ranked row marked: the price each supporter paid (MES) and whether a completion
    funded it (with what the shares left)."""
    districts = []
    for district in payload.get("districts", []):
        mes = district.get("mes") or {}
        prices = {entry["key"]: entry["price_per_supporter"] for entry in mes.get("rounds", [])}
        completed = set(mes.get("completed_by_greedy") or [])
        ranking = []
        for row in district["ranking"]:
            key = row["source_id"] or str(row["id"])
            ranking.append({**row, "price_per_supporter": prices.get(key), "by_completion": key in completed})
        districts.append({**district, "ranking": ranking})
    return {**payload, "districts": districts}


def page(request, step_id):
    step = step_or_404(request, step_id)
    settings = vote_settings(step)
    if settings.type == "none":
        raise Http404
    staff = is_staff_of(request.user, step)
    rule = _asked_rule(request, step, staff)
    secret = settings.is_secret()  # secret until the date: nobody, administrators included, sees counts
    run = None if secret else _shown_run(step, rule, staff)
    published = publication.published(step)
    context = step_page_context(request, step)
    context.update(
        {
            "run": run,
            "result": _explained(run.payload) if run else None,
            "rule": run.rule if run else rule,
            "rule_text": publication.describe(run, settings.type) if run else "",
            "vote": settings,
            "secret": secret,
            "staff": staff,
            "own_rule": publication.own_rule(step),
            "published": published,
            "is_published": bool(run and run.published_at),
            "pending": publication.pending_run(step, rule) if staff else None,
            "stale": staff and run is not None and publication.is_stale(run, step),
            "visible_during_vote": publication.visible_during_vote(step),
        }
    )
    return render(request, "proposals/results.html", context)


@require_POST
def recompute(request, step_id):
    """Staff ask for a fresh result; the rule runs as a background job."""
    step = step_or_404(request, step_id)
    if not is_staff_of(request.user, step):
        return HttpResponseForbidden()
    rule = (
        request.POST.get("rule")
        if request.POST.get("rule") in results_service.RULES
        else publication.own_rule(step)
    )
    ask_for_result(step, rule)
    messages.success(request, _("The result is being computed; reload this page in a moment."))
    return redirect(f"/proposals/step/{step.pk}/results/?rule={rule}")


def _staff_run(request, step):
    """The run named by a staff POST (`run`), of this step; (run, None) or (None, refusal response)."""
    if not is_staff_of(request.user, step):
        return None, HttpResponseForbidden()
    run_id = parse_id(request.POST.get("run", ""))
    found = (
        ResultRun.objects.filter(pk=run_id, step=step, state=ResultRun.State.DONE).first() if run_id else None
    )
    if found is None:
        message = _("This result does not exist (any more); reload the page.")
        return None, render(
            request,
            "400.html",
            {"message": message, "back": f"/proposals/step/{step.pk}/results/"},
            status=400,
        )
    return found, None


@require_POST
def publish(request, step_id):
    """The organiser publishes the result they are looking at: from now on the public sees it, frozen."""
    step = step_or_404(request, step_id)
    found, refusal = _staff_run(request, step)
    if refusal:
        return refusal
    if vote_settings(step).is_secret():
        messages.error(
            request, _("The counts are secret until the date set: the results cannot be published yet.")
        )
    elif found.rule != publication.own_rule(step):
        messages.error(request, _("Only the result of the step's own rule can be published."))
    else:
        publication.publish(found, request.user)
        messages.success(request, _("The results are published."))
    return redirect(f"/proposals/step/{step.pk}/results/?rule={found.rule}")


@require_POST
def verify(request, step_id):
    """Recompute a result from the ballots stored now and say whether they and the winners are unchanged."""
    step = step_or_404(request, step_id)
    found, refusal = _staff_run(request, step)
    if refusal:
        return refusal
    check = publication.verify(found)
    if check.ok:
        messages.success(
            request, _("Checked: the ballots are those this result counted and the winners are the same.")
        )
    elif not check.same_ballots:
        messages.error(
            request,
            _("The ballots changed since this result was computed (%(n)s counted now).")
            % {"n": check.ballots_counted},
        )
    else:
        messages.error(
            request, _("The ballots are the same but the winners differ: report it to the platform team.")
        )
    return redirect(f"/proposals/step/{step.pk}/results/?rule={found.rule}")


def my_ballot(request, step_id):
    """A voter's ballot and, once the results are published, how their share was spent."""
    step = step_or_404(request, step_id)
    settings = vote_settings(step)
    if settings.type == "none":
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    published = None if settings.is_secret() else publication.published(step)
    context = step_page_context(request, step)
    context.update(
        {
            "vote": settings,
            "published": published,
            "shares": publication.voter_share(published, step, request.user) if published else [],
        }
    )
    return render(request, "proposals/my_ballot.html", context)


# Exports that hold every ballot: the staff's own, at all times.
BALLOT_EXPORTS = ("ballots", "election")


def _pb_response(text, name):
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.pb"'
    return response


def _refusal(request, step, message, status):
    back = f"/proposals/step/{step.pk}/results/"
    return render(request, "400.html", {"message": message, "back": back}, status=status)


def _result_as_pabulib(request, step, run):
    """The result as a pabulib file: the election (anonymised ballots) with the `selected` column and the rule,
    which re-imports to the same winners; one file per district envelope (`?district=ID`: a pabulib file holds
    one); refused when the ballots changed since it was computed."""
    settings = vote_settings(step)
    district = None
    if settings.per_district:
        district_id = parse_id(request.GET.get("district", ""))
        district = (
            District.objects.filter(pk=district_id).first()
            if district_id in settings.district_budgets
            else None
        )
        if district is None:
            return _refusal(request, step, _("Choose the district: a pabulib file holds one envelope."), 400)
    if publication.ballots_snapshot(step)[1] != run.ballots_hash:
        return _refusal(
            request,
            step,
            _("The ballots changed since this result was computed: compute it again first."),
            409,
        )
    election = election_as_pabulib(step, district)
    selected = {row["source_id"] or str(row["id"]) for d in run.payload["districts"] for row in d["winners"]}
    for key, project in election.projects.items():
        project["selected"] = "1" if key in selected else "0"
    step_rule = rules.from_settings(run.vote_settings, settings.type)
    election.meta["rule"] = rules.resolve(step_rule, run.rule).pabulib_name()
    election.meta["comment"] = f"ballots sha256 {run.ballots_hash}"
    name = f"results-{step.pk}" + (f"-district-{district.pk}" if district is not None else "")
    return _pb_response(pabulib.dump(election), name)


def export(request, step_id, what, fmt):
    step = step_or_404(request, step_id)
    settings = vote_settings(step)
    if settings.is_secret():
        raise Http404
    staff = is_staff_of(request.user, step)
    if what in BALLOT_EXPORTS and not staff:
        raise Http404
    if what == "election":
        return _pb_response(pabulib_text(step), f"election-{step.pk}")
    if what == "ballots":
        exporter = BallotExporter(step)
    else:
        run = _shown_run(step, _asked_rule(request, step, staff), staff)
        if run is None:
            raise Http404
        if fmt == "pb":
            if not staff:  # it holds every ballot
                raise Http404
            return _result_as_pabulib(request, step, run)
        exporter = ResultExporter(run.payload)
    if fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(exporter),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{exporter.filename}-{step.pk}.xlsx"'
        return response
    return csv_response(request, exporter, f"{exporter.filename}-{step.pk}")
