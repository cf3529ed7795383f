"""What each recorded action is called in the back office ("Proposal evaluated", not `proposals.evaluated`).

The shared apps' actions are named here; a module names its own in its manifest (`Module.action_labels`). An action
nobody named shows as it was recorded, so an old row is never hidden.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participe.participation.manifest import modules

_labels = {
    "backoffice.add": _("Added in the administration"),
    "backoffice.change": _("Changed in the administration"),
    "backoffice.delete": _("Deleted in the administration"),
    "moderation.approve": _("Approved by moderation"),
    "moderation.hide": _("Hidden by moderation"),
    "moderation.trash": _("Deleted by moderation"),
    "moderation.ban": _("Participant banned"),
    "moderation.unban": _("Ban lifted"),
    "comment.pinned": _("Comment pinned"),
    "comment.unpinned": _("Comment unpinned"),
    "gestion.publish": _("Published or restored"),
    "gestion.hide": pgettext_lazy("action log", "Hidden"),
    "gestion.trash": pgettext_lazy("action log", "Deleted"),
    "gestion.move": _("Moved to another step"),
    "gestion.merge": _("Merged into another contribution"),
    "gestion.roles": _("Roles changed"),
    "gestion.personal_data_export": _("Personal data exported"),
    "gestion.anonymise": _("Account anonymised"),
    "gestion.group_create": _("Group created"),
    "gestion.group_rename": _("Group renamed"),
    "gestion.group_add": _("Added to the group"),
    "gestion.group_remove": _("Removed from the group"),
    "gestion.group_delete": _("Group deleted"),
    "edited": pgettext_lazy("action log", "Text edited"),
}


def label_of(action):
    if action in _labels:
        return _labels[action]
    for module in modules:
        if action in module.action_labels:
            return module.action_labels[action]
    return action
