import rules

from participe.permissions.predicates import is_analyst, is_instance_admin

rules.add_perm("questionnaires.manage", is_instance_admin)
rules.add_perm("questionnaires.view_all_results", is_instance_admin | is_analyst)
