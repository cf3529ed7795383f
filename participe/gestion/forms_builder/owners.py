"""Which steps use a form (a form does not know its owners): for permissions, titles and links.

Each module says which of its steps put which forms to people (`Module.form_owners` in its manifest), so the
back office names no module."""

from collections import defaultdict

from participe.participation.manifest import modules


def owners_by_form(form_ids=None):
    """{form id: [(step, role label)]} for the forms used by steps (all forms when `form_ids` is None)."""
    owners = defaultdict(list)
    for owners_of in modules.form_owners():
        for form_id, step, label in owners_of(form_ids):
            owners[form_id].append((step, label))
    return owners


def owning_steps(form):
    return [step for step, _role in owners_by_form([form.pk]).get(form.pk, [])]
