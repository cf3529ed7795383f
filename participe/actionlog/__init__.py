"""The action log: `participe.actionlog.services.record(actor, action, target=None, details=None)` from anywhere
an administrator or moderator acts."""
