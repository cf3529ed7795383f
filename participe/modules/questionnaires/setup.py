"""What a new questionnaire step starts with: an empty questionnaire and its form, ready for questions."""

from participe.forms.models import Form
from participe.modules.questionnaires.models import Questionnaire


def create_questionnaire(step):
    form = Form.objects.create(instance_id=step.instance_id, title=step.title)
    return Questionnaire.objects.create(instance_id=step.instance_id, step=step, form=form)
