"""Import a text into a consultation: upload, preview of the tree it makes, then confirmation.

The preview carries the read text to the confirmation in a signed field, so what is imported is exactly
what was previewed, without keeping the upload on the server.
"""

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.gestion.access import staff_view
from participe.modules.consultation import editing
from participe.modules.consultation.document import outline
from participe.modules.consultation.gestion.document import PERMISSION, document_url
from participe.modules.consultation.gestion.forms import ConfirmImportForm, ImportForm
from participe.modules.consultation.gestion.lookups import consultation_or_404

SALT = "consultation.gestion.import"
MAX_AGE = 3600


def _context(consultation, **extra):
    has_contributions = editing.consultation_has_contributions(consultation)
    return {"consultation": consultation, "step": consultation.step, "has_contributions": has_contributions, **extra}


@staff_view(PERMISSION)
def import_upload(request, pk):
    consultation = consultation_or_404(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        read = form.cleaned_data["document"]
        try:
            entries = outline(read.text, read.is_markdown)
        except ValueError:
            form.add_error("document", _("This document has no heading: mark its titles, chapters and articles as headings."))
        else:
            payload = signing.dumps({"text": read.text, "markdown": read.is_markdown, "c": consultation.pk}, salt=SALT, compress=True)
            confirm = ConfirmImportForm(initial={"payload": payload, "mode": form.cleaned_data["mode"]})
            context = _context(consultation, entries=entries, confirm=confirm, mode=form.cleaned_data["mode"], kind=read.kind,
                               sections=sum(1 for e in entries if not e.is_article), articles=sum(1 for e in entries if e.is_article))
            return render(request, "consultation/gestion/import_preview.html", context)
    return render(request, "consultation/gestion/import.html", _context(consultation, form=form),
                  status=400 if form.errors else 200)


@require_POST
@staff_view(PERMISSION)
def import_confirm(request, pk):
    consultation = consultation_or_404(request, pk)
    form = ConfirmImportForm(request.POST)
    data = None
    if form.is_valid():
        try:
            data = signing.loads(form.cleaned_data["payload"], salt=SALT, max_age=MAX_AGE)
        except signing.BadSignature:
            data = None
    if not data or data.get("c") != consultation.pk:
        messages.error(request, _("The preview has expired or was altered: upload the document again."))
        return redirect("gestion:consultation:import", consultation.pk)
    try:
        sections, articles = editing.import_text(
            consultation, data["text"], data["markdown"], request.user, replace=form.cleaned_data["mode"] == "replace"
        )
    except editing.HasContributions:
        messages.error(request, _("Participants have already contributed to this document: it cannot be replaced. "
                                  "Add the new text after it instead."))
        return redirect("gestion:consultation:import", consultation.pk)
    except ValueError:
        messages.error(request, _("This document has no heading: mark its titles, chapters and articles as headings."))
        return redirect("gestion:consultation:import", consultation.pk)
    messages.success(request, _("The document is imported: %(sections)d sections and %(articles)d articles.")
                     % {"sections": sections, "articles": articles})
    return redirect(document_url(consultation))
