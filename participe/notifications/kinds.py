"""What the platform tells people about. Each kind has a preference label and the words of its message.

Messages are format strings filled from the notification's context:
`{target}` (the object's name), `{actor}` (who did it), `{status}`, `{reason}`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # on the preferences page: "E-mail me about…"
    subject: str
    message: str
    email: bool = True  # False: in-app only, e-mailed in the daily digest
    staff_only: bool = False  # listed on the preferences page for moderators/administrators only


KINDS = {
    kind.key: kind
    for kind in [
        Kind(
            "contribution_published",
            _("My contribution is published"),
            _("Your contribution is published"),
            _("Your contribution “{target}” is published."),
        ),
        Kind(
            "contribution_hidden",
            _("Moderation of my contributions"),
            _("Your contribution was moderated"),
            _("Your contribution “{target}” was removed from public view by the moderators."),
        ),
        Kind(
            "contribution_answered",
            _("Official answers to my contributions"),
            _("Official answer to your contribution"),
            _("{actor} answered your contribution “{target}” officially."),
        ),
        Kind(
            "comment_on_mine",
            _("New comments on my contributions"),
            _("New comment on your contribution"),
            _("{actor} commented on your contribution “{target}”."),
        ),
        Kind(
            "reply_to_mine",
            _("Replies to my comments"),
            _("New reply to your comment"),
            _("{actor} replied to your comment on “{target}”."),
        ),
        Kind(
            "followed_status_changed",
            _("Status changes of my proposals and of those I follow"),
            _("New status for a proposal"),
            _("“{target}” is now: {status}."),
        ),
        Kind(
            "realisation_progress",
            _("Progress of the realisations I follow"),
            _("A realisation moved forward"),
            _("“{target}” moved forward: {progress}."),
        ),
        Kind(
            "step_opened",
            _("Steps opening in projects I follow"),
            _("A step is opening"),
            _("The step “{target}” is now open."),
        ),
        Kind(
            "step_closed",
            _("Steps closing in projects I follow"),
            _("A step has closed"),
            _("The step “{target}” is now closed."),
        ),
        Kind(
            "new_project_in_district",
            _("New projects in districts I follow"),
            _("A new project in a district you follow"),
            _("A new project concerns {district}: “{target}”."),
        ),
        Kind(
            "event_reminder",
            _("Reminders of events I registered for"),
            _("Reminder: an event is coming"),
            _("Reminder: “{target}” starts on {when}."),
        ),
        Kind(
            "followed_activity",
            _("Activity on what I follow"),
            _("New activity"),
            _("{actor} contributed to “{target}”."),
            email=False,
        ),
        Kind(
            "moderation_report",
            _("New reports to moderate"),
            _("Content reported"),
            _("“{target}” was reported: {reason}."),
            staff_only=True,
        ),
        Kind(
            "export_ready",
            _("My exports are ready"),
            _("Your export is ready"),
            _("Your export “{target}” is ready to download."),
        ),
        Kind(
            "export_failed",
            _("My exports failed"),
            _("Your export failed"),
            _("Your export “{target}” could not be produced. The administrators can see why."),
        ),
    ]
}


def render_message(kind, context):
    """The kind's message with missing values left empty rather than failing."""
    values = _Defaulting({key: str(value) for key, value in context.items() if not isinstance(value, list | dict)})
    return str(KINDS[kind].message).format_map(values)


class _Defaulting(dict):
    def __missing__(self, key):
        return ""
