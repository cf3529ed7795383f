"""Back-office changes reach the action log: each admin LogEntry is mirrored as an ActionLog line."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION

from participe.actionlog.models import ActionLog
from participe.instances.scoping import current_instance

ACTIONS = {ADDITION: "backoffice.add", CHANGE: "backoffice.change", DELETION: "backoffice.delete"}


def mirror_admin_entry(sender, instance, created, raw=False, **kwargs):
    site = current_instance()
    if raw or not created or site is None or instance.action_flag not in ACTIONS:
        return
    user = instance.user
    ActionLog(
        instance_id=site.pk,
        actor=user,
        actor_name=user.public_name[:200] if hasattr(user, "public_name") else str(user)[:200],
        action=ACTIONS[instance.action_flag],
        target_type_id=instance.content_type_id,
        target_id=int(instance.object_id) if str(instance.object_id).isdigit() else None,
        target_repr=instance.object_repr[:300],
        details={"change": instance.get_change_message()[:500]} if instance.change_message else {},
    ).save()
