"""The action log: `record(actor, action, target=None, details=None)` from anywhere an administrator or moderator acts."""


def record(actor, action, target=None, details=None):
    from participe.actionlog.services import record as _record

    return _record(actor, action, target, details)
