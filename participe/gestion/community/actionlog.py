"""The action log, read-only: who did what, when, on what."""

from datetime import datetime, time

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from participe.actionlog.models import ActionLog
from participe.gestion.access import staff_view
from participe.gestion.community.forms import ActionLogFilterForm

PAGE_SIZE = 50


def _bound(day, end=False):
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


@require_GET
@staff_view("gestion.view_action_log")
def action_log(request):
    actions = ActionLog.objects.order_by("action").values_list("action", flat=True).distinct()
    type_ids = ActionLog.objects.exclude(target_type=None).order_by().values_list("target_type", flat=True).distinct()
    types = sorted(
        ((content_type.pk, str(content_type.name).capitalize()) for content_type in ContentType.objects.filter(pk__in=type_ids)),
        key=lambda choice: choice[1],
    )
    filters = ActionLogFilterForm(request.GET or None, actions=list(actions), types=types)
    entries = ActionLog.objects.select_related("target_type").order_by("-created_at", "-pk")
    if filters.value("who"):
        entries = entries.filter(actor_name__icontains=filters.value("who"))
    if filters.value("action"):
        entries = entries.filter(action=filters.value("action"))
    if filters.value("type"):
        entries = entries.filter(target_type_id=filters.value("type"))
        if filters.value("object"):
            entries = entries.filter(target_id=filters.value("object"))
    if filters.value("since"):
        entries = entries.filter(created_at__gte=_bound(filters.value("since")))
    if filters.value("until"):
        entries = entries.filter(created_at__lte=_bound(filters.value("until"), end=True))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "gestion/community/action_log.html", {"filters": filters, "page": page},
        status=400 if filters.errors else 200,
    )
