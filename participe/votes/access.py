"""What a request may vote on: the checks shared by the vote view and the widget."""

from participe.participation.access import (  # noqa: F401 - re-exported for the vote view
    declared_target,
    missing_requirements,
    project_visible,
    requirements_url,
)
from participe.votes.kinds import kind_of
from participe.votes.services import voting_step


def votable_target(content_type_id, object_id):
    return declared_target(content_type_id, object_id, "votable")


def step_is_open_for(target, kind=None):
    """False when the target's step does not allow voting now (future, closed, disabled)."""
    kind = kind or kind_of(target)
    step = voting_step(target)
    return step is None or any(step.allows(action) for action in kind.step_actions)
