"""Who may open the community screens of /gestion/ (moderation keeps its own `moderation.moderate`)."""

import rules

from participe.permissions.predicates import administers_some_project, is_instance_admin

# A project manager sees the contributions of their projects only (the views filter by managed projects).
rules.add_perm("gestion.view_contributions", is_instance_admin | administers_some_project)
rules.add_perm("gestion.view_participants", is_instance_admin)
rules.add_perm("gestion.manage_participants", is_instance_admin)
rules.add_perm("gestion.view_action_log", is_instance_admin)
