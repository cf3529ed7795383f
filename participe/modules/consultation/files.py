"""A source's file (private storage): to whoever may see the source, always as a download."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from participe.core.private_files import private_file_response
from participe.modules.consultation.models import Source
from participe.participation.targets import may_see_files_of


def source_file(request, pk):
    source = get_object_or_404(Source, pk=pk)
    if not source.file or not may_see_files_of(request.user, source):
        raise Http404
    return private_file_response(source.file, f"{source.title[:80] or 'source'}.pdf", content_type="application/pdf")
