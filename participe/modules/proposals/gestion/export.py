"""The back office's CSV of a collect step's proposals, with every answer to the step's custom questions."""

from django.http import Http404

from participe.exports.responses import csv_response
from participe.forms.models import Form
from participe.gestion.access import staff_view
from participe.modules.proposals.exports import ProposalExporter
from participe.modules.proposals.gestion.views.common import proposal_step
from participe.modules.proposals.step_settings import collect_settings


@staff_view("gestion.view_projects")
def proposals_csv(request, pk):
    step = proposal_step(request, pk)
    if step.type != "collect":
        raise Http404
    form_id = collect_settings(step).proposal_form_id
    form = Form.objects.filter(pk=form_id).first() if form_id else None
    exporter = ProposalExporter(step, form.definition() if form is not None else None)
    return csv_response(request, exporter, f"proposals-{step.pk}")
