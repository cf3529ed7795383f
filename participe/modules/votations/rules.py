import rules

from participe.permissions.predicates import is_instance_admin

rules.add_perm("votations.manage", is_instance_admin)
