"""What a new questionnaire step starts with (an empty questionnaire and its form) and what it lacks before publication."""

from django.utils.translation import gettext_lazy as _

from participe.forms.models import Form, Question
from participe.modules.questionnaires.models import Questionnaire
from participe.projects.registry import Missing


def create_questionnaire(step):
    form = Form.objects.create(instance_id=step.instance_id, title=step.title)
    return Questionnaire.objects.create(instance_id=step.instance_id, step=step, form=form)


def checklist(step):
    questionnaire = Questionnaire.objects.filter(step=step).first()
    if questionnaire is None:
        return [Missing(_("The step has no questionnaire."))]
    if not Question.objects.filter(form_id=questionnaire.form_id, hidden=False).exists():
        return [Missing(_("The questionnaire has no question yet."))]
    return []


def forms(step):
    form_id = Questionnaire.objects.filter(step=step).values_list("form_id", flat=True).first()
    return [(_("Questions of the questionnaire"), form_id)] if form_id else []


def form_owners(form_ids=None):
    """(form id, step, label) of the questionnaires using these forms (all forms when `form_ids` is None)."""
    rows = Questionnaire.objects.select_related("step__project")
    if form_ids is not None:
        rows = rows.filter(form_id__in=form_ids)
    return [(row.form_id, row.step, _("Questions of the questionnaire")) for row in rows]
