"""Who may see, manage and take part in projects. Objects are a Project or a Step."""

import rules

from participe.permissions.predicates import administers_some_project, is_instance_admin, is_participant
from participe.projects.models import Project


def _project_of(obj):
    return obj.project if obj is not None and not isinstance(obj, Project) else obj


@rules.predicate
def is_project_administrator(user, obj):
    """`user` administers this project (or the project of this step), on the instance being served."""
    project = _project_of(obj)
    if project is None or not is_participant(user) or project.instance_id != user.instance_id:
        return False
    return project.administrators.filter(pk=user.pk).exists()


@rules.predicate
def can_see_project(user, obj):
    project = _project_of(obj)
    if project is None:
        return False
    return Project.objects.visible_to(user).filter(pk=project.pk).exists()


rules.add_perm("projects.view_project", can_see_project)
rules.add_perm("projects.add_project", is_instance_admin)
rules.add_perm("projects.change_project", is_instance_admin | is_project_administrator)
rules.add_perm("projects.delete_project", is_instance_admin)
# The back office's projects pages: instance administrators and the administrators of at least one project.
rules.add_perm("projects.manage_projects", is_instance_admin | administers_some_project)
# Taking part in a step is the participation gate's rule: participe/participation/rules.py.
