"""Owners of a form may lock it (a votation once open): the back office then refuses to change its questions.

    from participe.forms import locks
    locks.register(lambda form: _("used by an open votation") if ... else None)
"""

_checks = []


def register(check):
    """`check(form)` returns a reason (a sentence) when the form must not change, else None."""
    _checks.append(check)
    return check


def locked_reason(form):
    for check in _checks:
        reason = check(form)
        if reason:
            return reason
    return None
