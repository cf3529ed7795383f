"""What a new collect step starts with (its proposal form, its settings with an envelope to fill) and what
collect and selection steps lack before publication."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from participe.forms.models import Form
from participe.modules.proposals.step_settings import vote_settings
from participe.projects.models import Step
from participe.projects.registry import Missing


def create_collect(step):
    form = Form.objects.create(instance_id=step.instance_id, title=step.title)
    settings = dict(step.settings or {})
    settings.setdefault("visibility", "public")
    settings["proposal_form_id"] = form.pk
    # The envelope is chosen by the organiser: a budget vote without one is refused at publication.
    settings.setdefault("vote", {"type": "none", "budget": None, "district_budgets": {}})
    step.settings = settings
    step.save(update_fields=["settings"])
    return form


def checklist(step):
    vote = vote_settings(step)
    if vote.type == "budget" and vote.budget is None and not vote.district_budgets:
        return [Missing(_("The budget vote has no envelope."))]
    if vote.type == "limited" and not vote.max_choices:
        return [Missing(_("The vote does not say how many choices each participant has."))]
    return []


FORM_SETTINGS = {
    "proposal_form_id": _("Questions of the proposal form"),
    "evaluation_form_id": _("Questions of the evaluation form"),
}


def forms(step):
    settings = step.settings or {}
    return [(label, settings[key]) for key, label in FORM_SETTINGS.items() if settings.get(key)]


def form_owners(form_ids=None):
    """(form id, step, label) of the steps whose settings name these forms (all forms when `form_ids` is None)."""
    with_form = Q()
    for key in FORM_SETTINGS:
        with_form |= Q(settings__has_key=key)
    owners = []
    for step in Step.objects.select_related("project").filter(with_form):
        for form_id, label in ((step.settings.get(key), label) for key, label in FORM_SETTINGS.items()):
            if form_id and (form_ids is None or form_id in form_ids):
                owners.append((form_id, step, label))
    return owners
