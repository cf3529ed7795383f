import rules

from participe.permissions.predicates import (
    administers_some_project,
    is_analyst,
    is_instance_admin,
    is_moderator,
    is_participant,
    is_platform_admin,
)


@rules.predicate
def administers_project(user, project):
    """`user` is one of `project`'s administrators (the project is read through the instance's scope)."""
    if project is None or not is_participant(user):
        return False
    return project.administrators.filter(pk=user.pk).exists()


is_staff = is_instance_admin | is_moderator | is_analyst | is_platform_admin | administers_some_project

rules.add_perm("gestion.access", is_staff)
rules.add_perm("gestion.view_projects", is_instance_admin | administers_some_project)
rules.add_perm("gestion.add_project", is_instance_admin)
# Object permission: asked with the project.
rules.add_perm("gestion.change_project", is_instance_admin | administers_project)
rules.add_perm("gestion.analyse", is_instance_admin | is_analyst)
rules.add_perm("gestion.view_exports", is_instance_admin)
rules.add_perm("gestion.view_statistics", is_instance_admin)
# The public site: its pages, news, agenda, home page, menus, themes, districts, look and legal pages.
rules.add_perm("gestion.manage_website", is_instance_admin)
