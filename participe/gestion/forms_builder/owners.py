"""Which steps use a form (a form does not know its owners): for permissions, titles and links."""

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from participe.modules.questionnaires.models import Questionnaire
from participe.modules.votations.models import Votation
from participe.projects.models import Step

SETTING_ROLES = {
    "proposal_form_id": _("proposal form"),
    "evaluation_form_id": _("evaluation form"),
}


def owners_by_form(form_ids=None):
    """{form id: [(step, role label)]} for the forms used by steps (all forms when `form_ids` is None)."""
    owners = defaultdict(list)
    for model, role in ((Questionnaire, _("questionnaire")), (Votation, _("ballot"))):
        rows = model.objects.select_related("step__project")
        if form_ids is not None:
            rows = rows.filter(form_id__in=form_ids)
        for row in rows:
            owners[row.form_id].append((row.step, role))
    with_setting = Q()
    for key in SETTING_ROLES:
        with_setting |= Q(settings__has_key=key)
    for step in Step.objects.select_related("project").filter(with_setting):
        for key, role in SETTING_ROLES.items():
            form_id = (step.settings or {}).get(key)
            if form_id and (form_ids is None or form_id in form_ids):
                owners[form_id].append((step, role))
    return owners


def owning_steps(form):
    return [step for step, _role in owners_by_form([form.pk]).get(form.pk, [])]
