import rules

from participe.permissions.predicates import is_participant

# moderation.moderate is in the platform's table (participe/permissions/rules.py).
rules.add_perm("moderation.report", is_participant)
