from django.shortcuts import render
from django.utils import timezone

from participe.gestion import dashboard as board
from participe.gestion.access import staff_view


@staff_view("gestion.access")
def dashboard(request):
    user = request.user
    context = {"now": timezone.now()}
    if user.has_perm("moderation.moderate"):
        context["reports_waiting"] = board.reports_waiting()
    context["todo"] = board.modules_todo(user)
    if user.has_perm("gestion.view_projects"):
        context["steps_soon"] = board.steps_soon(user)
        context["open_projects"] = board.open_projects(user)
    if user.has_perm("gestion.view_exports"):
        context["failed_jobs"] = board.failed_jobs()
    if user.has_perm("gestion.view_statistics"):
        days = board.participation_by_day()
        context["days"] = days
        context["total_contributions"] = sum(day.contributions for day in days)
        context["total_votes"] = sum(day.votes for day in days)
        context["busiest"] = max(days, key=lambda day: day.total) if any(day.total for day in days) else None
    return render(request, "gestion/dashboard.html", context)
