from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from participe.core.private_files import private_file_response
from participe.exports.models import Job

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
    """The result, to the person who started the job and to the instance's administrators, until it expires."""
    may_see_all = request.user.has_perm("backoffice.manage_instance")
    job = get_object_or_404(Job.objects.all() if may_see_all else Job.objects.filter(user=request.user), pk=pk)
    if not job.is_downloadable:
        raise Http404
    return private_file_response(job.result, job.result_name or "export", cache="private, no-store")
