"""Downloads of a consultation's contributions, for those allowed to export them."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from participe.exports.jobs import start_export
from participe.exports.responses import csv_response
from participe.modules.consultation.exports import ConsultationExporter
from participe.modules.consultation.models import Consultation


def _exportable(request, pk):
    consultation = get_object_or_404(Consultation.objects.select_related("step__project"), pk=pk)
    if not request.user.has_perm("consultation.export", consultation.step):
        raise PermissionDenied
    return consultation


@require_GET
def export_csv(request, pk):
    """Streamed row by row: the whole set is never in memory."""
    consultation = _exportable(request, pk)
    return csv_response(request, ConsultationExporter(consultation), f"consultation-{consultation.pk}")


@require_POST
def export_xlsx(request, pk):
    """The workbook is written by a background job (write-only, constant memory); its page links to the file."""
    consultation = _exportable(request, pk)
    job = start_export(
        request.user,
        "participe.modules.consultation.exports.ConsultationExporter",
        {"consultation_id": consultation.pk},
        "xlsx",
        title=_("Contributions to “%(title)s” (XLSX)") % {"title": consultation.title},
    )
    return redirect(job)
