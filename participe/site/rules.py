"""Who may do what on the website's content."""

import rules

from participe.permissions.predicates import has_confirmed_email, is_participant

rules.add_perm("website.register_for_event", is_participant & has_confirmed_email)
