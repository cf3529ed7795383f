"""The back office's export of a collect step's proposals, CSV or XLSX, with every answer to the step's custom
questions (staff-only ones included: only staff reach these pages)."""

from django.http import Http404

from participe.exports.responses import csv_response, xlsx_response
from participe.forms.models import Form
from participe.gestion.access import staff_view
from participe.modules.proposals.exports import ProposalExporter
from participe.modules.proposals.gestion.views.common import proposal_step
from participe.modules.proposals.step_settings import collect_settings


def _exporter(request, pk):
    step = proposal_step(request, pk)
    if step.type != "collect":
        raise Http404
    form_id = collect_settings(step).proposal_form_id
    form = Form.objects.filter(pk=form_id).first() if form_id else None
    return step, ProposalExporter(step, form.definition() if form is not None else None)


@staff_view("gestion.view_projects")
def proposals_csv(request, pk):
    step, exporter = _exporter(request, pk)
    return csv_response(request, exporter, f"proposals-{step.pk}")


@staff_view("gestion.view_projects")
def proposals_xlsx(request, pk):
    step, exporter = _exporter(request, pk)
    return xlsx_response(request, exporter, f"proposals-{step.pk}")
