"""A debate step's own fields: the question, its context and the two face-to-face statements."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from participe.gestion.access import staff_view
from participe.modules.consultation.gestion.document import PERMISSION
from participe.modules.consultation.gestion.forms import DebateForm
from participe.modules.consultation.gestion.lookups import debate_or_404


@staff_view(PERMISSION)
def debate(request, pk):
    row = debate_or_404(request, pk)
    form = DebateForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The debate is saved."))
        return redirect("gestion:step", row.step_id)
    context = {"debate": row, "step": row.step, "form": form}
    return render(request, "consultation/gestion/debate.html", context, status=400 if form.errors else 200)
