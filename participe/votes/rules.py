import rules

from participe.permissions.predicates import is_participant

# Who may vote at all; the step, its requirements and the object's kind are checked by the view.
rules.add_perm("votes.vote", is_participant)
