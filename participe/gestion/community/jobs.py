"""The instance's background jobs (exports and failed jobs) with their progress, and the download of results."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from participe.core.private_files import private_file_response
from participe.exports.models import Job, JobStatus
from participe.gestion.access import staff_view
from participe.gestion.community.forms import JobFilterForm

PAGE_SIZE = 50
REFRESH_SECONDS = 5
PERMISSION = "gestion.view_exports"


@staff_view(PERMISSION)
def job_list(request):
    filters = JobFilterForm(request.GET or None)
    jobs = Job.objects.select_related("user").defer("arguments", "error").order_by("-created_at", "-pk")
    if filters.value("status"):
        jobs = jobs.filter(status=filters.value("status"))
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    running = any(job.status in (JobStatus.PENDING, JobStatus.RUNNING) for job in page)
    context = {"filters": filters, "page": page, "refresh": REFRESH_SECONDS if running else None}
    return render(request, "gestion/community/jobs.html", context, status=400 if filters.errors else 200)


@staff_view(PERMISSION)
def job_detail(request, pk):
    job = get_object_or_404(Job.objects.select_related("user"), pk=pk)
    refresh = None if job.is_finished else REFRESH_SECONDS
    return render(request, "gestion/community/job.html", {"job": job, "refresh": refresh})


@staff_view(PERMISSION)
def job_download(request, pk):
    job = get_object_or_404(Job, pk=pk)
    if not job.is_downloadable:
        raise Http404
    return private_file_response(job.result, job.result_name or "export", cache="private, no-store")
