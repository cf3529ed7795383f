"""The rule behind "may this user take part in this step now?" is the participation gate's answer."""

import rules

from participe.participation.gate import check


@rules.predicate
def gate_allows_participation(user, step):
    return step is not None and bool(check(user, None, step))


rules.add_perm("participation.participate_in_step", gate_allows_participation)
