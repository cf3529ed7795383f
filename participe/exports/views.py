from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from participe.exports.models import Job, JobStatus

REFRESH_SECONDS = 3


def _own_job(request, pk):
    # Only the person who started a job sees it (the back office lists every job for administrators).
    return get_object_or_404(Job, pk=pk, user=request.user)


@login_required
def job_progress(request, pk):
    job = _own_job(request, pk)
    return render(
        request,
        "exports/job.html",
        {"job": job, "refresh": None if job.is_finished else REFRESH_SECONDS},
    )


@login_required
def job_download(request, pk):
    job = _own_job(request, pk)
    if job.status != JobStatus.SUCCEEDED or not job.result:
        raise Http404
    response = FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name or "export")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
