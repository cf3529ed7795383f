"""The permission table of the platform. Views, templates ({% has_perm %}) and the API ask these names.

Modules add their own rules in their app's `rules.py` (autodiscovered), built from these predicates.
"""

import rules

from participe.permissions.predicates import (
    administers_some_project,
    is_analyst,
    is_instance_admin,
    is_moderator,
    is_participant,
    is_platform_admin,
    is_self,
)

# Platform
rules.add_perm("platform.manage_instances", is_platform_admin)

# Back office of the instance being served
# Project administrators open the back office to manage their own projects.
rules.add_perm(
    "backoffice.access",
    is_instance_admin | is_moderator | is_analyst | is_platform_admin | administers_some_project,
)
rules.add_perm("backoffice.manage_instance", is_instance_admin)
rules.add_perm("backoffice.manage_users", is_instance_admin)
rules.add_perm("backoffice.view_action_log", is_instance_admin)

# Moderation
rules.add_perm("moderation.moderate", is_moderator | is_instance_admin)

# Accounts
rules.add_perm("accounts.participate", is_participant)
rules.add_perm("accounts.change_user", is_self | is_instance_admin)
