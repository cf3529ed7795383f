"""What a new votation step starts with: a votation of accounts and its empty ballot form, ready for questions."""

from participe.forms.models import Form
from participe.modules.votations.models import Votation


def create_votation(step):
    form = Form.objects.create(instance_id=step.instance_id, title=step.title)
    return Votation.objects.create(instance_id=step.instance_id, step=step, form=form)
