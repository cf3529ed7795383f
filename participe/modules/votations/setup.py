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
