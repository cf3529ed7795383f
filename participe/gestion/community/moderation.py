"""The moderation queue inside /gestion/: the same cases and decisions as participe.moderation, in the back office.

Decisions go through participe.moderation.services (status, case, author told, action log, page purge).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.gestion.access import staff_view
from participe.moderation import services
from participe.moderation.forms import BanForm, HideForm, QueueFilterForm
from participe.moderation.models import CaseStatus, ModerationCase, Report
from participe.moderation.views import case_context, reason_label, reportable_types
from participe.participation.targets import load_targets

PAGE_SIZE = 25
PERMISSION = "moderation.moderate"


@staff_view(PERMISSION)
def queue(request):
    types = reportable_types()
    filtering = any(key in request.GET for key in ("status", "reason", "type"))
    filters = QueueFilterForm(request.GET if filtering else None, types=types, initial={"status": CaseStatus.OPEN})
    status, reason, type_id = CaseStatus.OPEN, "", None
    if filtering and filters.is_valid():
        status, reason, type_id = (filters.cleaned_data[key] for key in ("status", "reason", "type"))
    cases = ModerationCase.objects.select_related("content_type", "decided_by")
    if status:
        cases = cases.filter(status=status)
    if reason:
        cases = cases.filter(pk__in=Report.objects.filter(reason=reason).values("case_id"))
    if type_id:
        cases = cases.filter(content_type_id=type_id)
    newest_first = cases.order_by(F("last_reported_at").desc(nulls_last=True), "-opened_at", "-pk")
    page = Paginator(newest_first, PAGE_SIZE).get_page(request.GET.get("page"))
    targets = load_targets((case.content_type_id, case.object_id) for case in page)
    reasons = {}
    for row in Report.objects.filter(case__in=list(page)).values("case_id", "reason"):
        reasons.setdefault(row["case_id"], set()).add(reason_label(row["reason"]))
    rows = [
        (case, targets.get((case.content_type_id, case.object_id)), sorted(reasons.get(case.pk, ())))
        for case in page
    ]
    status_code = 400 if filtering and filters.errors else 200
    return render(
        request, "gestion/community/moderation_queue.html", {"filters": filters, "page": page, "rows": rows},
        status=status_code,
    )


@staff_view(PERMISSION)
def case_detail(request, pk):
    case = get_object_or_404(ModerationCase.objects.select_related("content_type"), pk=pk)
    context = {**case_context(case), "hide_form": HideForm(), "ban_form": BanForm(prefix="ban")}
    return render(request, "gestion/community/moderation_case.html", context)


@require_POST
@staff_view(PERMISSION)
def decide(request, pk, action):
    case = get_object_or_404(ModerationCase.objects.select_related("content_type"), pk=pk)
    context = case_context(case)
    target, moderator = context["target"], request.user
    hide_form, ban_form = HideForm(), BanForm(prefix="ban")
    if action not in (*services.DECISIONS, "ban"):
        raise Http404
    try:
        if action == "ban":
            if context["author"] is None:
                raise Http404
            ban_form = BanForm(request.POST, prefix="ban")
            if not ban_form.is_valid():
                return _case_again(request, context, hide_form, ban_form)
            services.ban(context["author"], ban_form.cleaned_data["reason"], moderator)
        else:
            if action == "hide":
                hide_form = HideForm(request.POST)
                if not hide_form.is_valid():
                    return _case_again(request, context, hide_form, ban_form)
            reason = hide_form.cleaned_data["reason"] if action == "hide" else ""
            services.decide(target, action, moderator, reason)
    except services.ModerationError as error:
        messages.error(request, str(error))
        return redirect("gestion:moderation_case", pk=case.pk)
    messages.success(request, _("Decision recorded."))
    return redirect("gestion:moderation")


def _case_again(request, context, hide_form, ban_form):
    context = {**context, "hide_form": hide_form, "ban_form": ban_form}
    return render(request, "gestion/community/moderation_case.html", context, status=400)
