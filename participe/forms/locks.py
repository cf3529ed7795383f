"""Owners of a form may lock it (a votation once open): the back office then refuses to change its questions.

A module declares its checks in its manifest: `Module(..., form_locks=[check])`.
"""

from participe.participation.manifest import modules


def locked_reason(form):
    """`check(form)` of each module returns a reason (a sentence) when the form must not change, else None."""
    for check in modules.form_locks():
        reason = check(form)
        if reason:
            return reason
    return None
