"""What a new votation step starts with (a votation of accounts, its empty ballot) and what it lacks before publication."""

from django.utils.translation import gettext_lazy as _

from participe.forms.models import Form, Question
from participe.modules.votations.models import Votation
from participe.projects.registry import Missing


def create_votation(step):
    form = Form.objects.create(instance_id=step.instance_id, title=step.title)
    return Votation.objects.create(instance_id=step.instance_id, step=step, form=form)


def checklist(step):
    votation = Votation.objects.filter(step=step).first()
    if votation is None:
        return [Missing(_("The step has no votation."))]
    missing = []
    if not Question.objects.filter(form_id=votation.form_id).exists():
        missing.append(Missing(_("The ballot has no question yet.")))
    if step.ends_at is None:
        # The ballots are counted once the step closes.
        missing.append(Missing(_("The votation has no closing date.")))
    return missing


def forms(step):
    form_id = Votation.objects.filter(step=step).values_list("form_id", flat=True).first()
    return [(_("Questions of the ballot"), form_id)] if form_id else []


def form_owners(form_ids=None):
    """(form id, step, label) of the votations using these forms (all forms when `form_ids` is None)."""
    rows = Votation.objects.select_related("step__project")
    if form_ids is not None:
        rows = rows.filter(form_id__in=form_ids)
    return [(row.form_id, row.step, _("Questions of the ballot")) for row in rows]
