"""Every contribution kind the modules declare, in one table: filters, search, bulk actions, each one's page."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participe.actionlog.models import ActionLog
from participe.exports.jobs import start_export
from participe.gestion.access import staff_view
from participe.gestion.community import bulk
from participe.gestion.community.forms import BulkForm, ContributionFilterForm
from participe.gestion.community.kinds import (
    all_kinds,
    kinds_by_key,
    load,
    reports_counts,
    table,
    visible_rows,
)
from participe.gestion.dashboard import managed_projects
from participe.moderation.models import ModerationCase
from participe.moderation.views import excerpt
from participe.participation.models import Revision
from participe.participation.targets import url_of
from participe.projects.models import Step

PAGE_SIZE = 50
PERMISSION = "gestion.view_contributions"
EXPORTER = "participe.gestion.community.exporters.SelectionExporter"


@dataclass(frozen=True)
class Row:
    kind: object
    obj: object
    reports: int

    @property
    def key(self):
        return f"{self.kind.key}:{self.obj.pk}"


def _choices(request, kinds):
    projects = managed_projects(request.user).only("pk", "title").order_by("title")
    steps = list(
        Step.objects.filter(project__in=managed_projects(request.user).values("pk"))
        .select_related("project")
        .only("pk", "title", "type", "project__title")
        .order_by("project__title", "position", "pk")
    )
    choices = {
        "projects": [(project.pk, project.title) for project in projects],
        "steps": [(step.pk, f"{step.project.title} — {step.title}") for step in steps],
        "districts": [],
        "categories": [],
        "user_types": list(request.instance.user_types or []),
    }
    for field in ("district", "category"):
        model = next((kind.related_model(field) for kind in kinds if kind.has_relation(field)), None)
        if model is None:
            continue
        key = "districts" if field == "district" else "categories"
        rows = model._default_manager.all()
        if any(f.name == "step" for f in model._meta.get_fields()):
            # Per step (a collect's categories): named with their step.
            rows = rows.filter(step__in=[step.pk for step in steps]).select_related("step")
            choices[key] = [(row.pk, f"{row} ({row.step.title})") for row in rows]
        else:
            choices[key] = [(row.pk, str(row)) for row in rows]
    return choices, steps


def _page(request, kinds, values):
    chosen = [kind for kind in kinds if not values.get("kind") or kind.key == values["kind"]]
    for field in ("district", "category"):
        if values.get(field):
            chosen = [kind for kind in chosen if kind.has_relation(field)]
    rows = table(chosen, request, values)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    by_index = {kind.index: kind for kind in kinds}
    pairs = [(by_index[row["kind_index"]], row["pk"]) for row in page.object_list]
    found = load(pairs)
    reports = reports_counts(pairs)
    page.rows = [
        Row(kind, found[(kind.key, pk)], reports.get((kind.key, pk), 0)) for kind, pk in pairs if (kind.key, pk) in found
    ]
    return page


@staff_view(PERMISSION)
def contribution_list(request):
    kinds = all_kinds()
    choices, steps = _choices(request, kinds)
    filters = ContributionFilterForm(request.GET or None, kinds=kinds, **choices)
    values = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    status = 400 if filters.errors else 200
    bulk_form = BulkForm(kinds=kinds, steps=choices["steps"])
    if request.method == "POST":
        bulk_form = BulkForm(request.POST, kinds=kinds, steps=choices["steps"])
        if bulk_form.is_valid():
            response = _apply(request, kinds, bulk_form.cleaned_data, {step.pk: step for step in steps})
            if response is not None:
                return response
        status = 400
    context = {
        "filters": filters,
        "page": _page(request, kinds, values),
        "bulk_form": bulk_form,
    }
    return render(request, "gestion/community/contributions.html", context, status=status)


def _apply(request, kinds, data, steps):
    """Runs the chosen action; a redirect when done, None when refused (the page shows why, with a 400)."""
    by_key = {kind.key: kind for kind in kinds}
    pairs, action, user = data["items"], data["action"], request.user
    try:
        if action == "export":
            return _export(request, by_key, pairs, data["format"])
        if action in bulk.STATUS_ACTIONS:
            outcome = bulk.change_status(user, by_key, pairs, action, data["reason"])
        elif action == "move":
            if data.get("step") not in steps:
                messages.error(request, _("Choose a step of a project you manage."))
                return None
            outcome = bulk.move(user, by_key, pairs, steps[data["step"]])
        else:
            outcome = bulk.merge(user, by_key, pairs)
    except bulk.BulkError as error:
        messages.error(request, str(error))
        return None
    count = len(outcome.done)
    messages.success(request, ngettext("%(count)d contribution changed.", "%(count)d contributions changed.", count) % {"count": count})
    if outcome.skipped:
        messages.warning(
            request,
            ngettext(
                "%(count)d contribution was left as it was (not yours to manage, or the action does not apply to it).",
                "%(count)d contributions were left as they were (not yours to manage, or the action does not apply to them).",
                outcome.skipped,
            ) % {"count": outcome.skipped},
        )
    return redirect(request.POST.get("back") if _is_local(request.POST.get("back")) else request.get_full_path())


def _is_local(url):
    return bool(url) and url.startswith("/gestion/") and "//" not in url and "\\" not in url


def _export(request, by_key, pairs, fmt):
    managed = []
    grouped = {}
    for key, pk in pairs:
        grouped.setdefault(key, []).append(pk)
    for key, ids in grouped.items():
        allowed = set(visible_rows(by_key[key], request.user).filter(pk__in=ids).values_list("pk", flat=True))
        managed += [[key, pk] for pk in ids if pk in allowed]
    if not managed:
        messages.error(request, _("None of the selected contributions is yours to export."))
        return None
    job = start_export(request.user, EXPORTER, {"items": managed}, fmt)
    messages.success(request, _("The export is being prepared."))
    return redirect(job.get_absolute_url())


@staff_view(PERMISSION)
def contribution_detail(request, kind, pk):
    kinds = kinds_by_key()
    if kind not in kinds:
        raise Http404
    found = kinds[kind]
    related = ["author", "step__project", "moderated_by"]
    obj = visible_rows(found, request.user).select_related(*related).filter(pk=pk).first()
    if obj is None:
        raise Http404
    content_type = ContentType.objects.get_for_model(found.model, for_concrete_model=True)
    case = ModerationCase.objects.filter(content_type=content_type, object_id=obj.pk).first()
    choices, _steps = _choices(request, list(kinds.values()))
    context = {
        "kind": found,
        "obj": obj,
        "item": f"{found.key}:{obj.pk}",
        "excerpt": excerpt(obj),
        "public_url": url_of(obj),
        "case": case,
        "revisions": Revision.objects.filter(content_type=content_type, object_id=obj.pk).select_related("editor")[:50],
        "history": ActionLog.objects.filter(target_type=content_type, target_id=obj.pk)[:100],
        "bulk_form": BulkForm(kinds=list(kinds.values()), steps=choices["steps"]),
        "back": request.get_full_path(),
        "can_moderate": request.user.has_perm("moderation.moderate"),
        "can_see_participants": request.user.has_perm("gestion.view_participants"),
    }
    return render(request, "gestion/community/contribution.html", context)

