"""Who may do what in a consultation, a debate or a ranking."""

import rules

from participe.permissions.predicates import is_instance_admin, is_moderator, is_participant


@rules.predicate
def is_project_admin(user, obj=None):
    step = getattr(obj, "step", None) or obj
    project = getattr(step, "project", None)
    return bool(user.is_authenticated and project is not None and project.administrators.filter(pk=user.pk).exists())


manages = is_instance_admin | is_project_admin

rules.add_perm("consultation.contribute", is_participant)
rules.add_perm("consultation.manage", manages)
rules.add_perm("consultation.answer", manages)
rules.add_perm("consultation.export", manages | is_moderator)
