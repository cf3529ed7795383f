from django.contrib.contenttypes.models import ContentType

from participe.actionlog.models import ActionLog


def record(actor, action, target=None, details=None):
    """Append one line; the instance is the active one (or the actor's, for jobs)."""
    entry = ActionLog(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.public_name if actor is not None and actor.pk else "")[:200],
        action=action,
        details=details or {},
    )
    if actor is not None and actor.pk:
        entry.instance_id = actor.instance_id
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
        entry.target_id = target.pk
        entry.target_repr = str(target)[:300]
        entry.instance_id = getattr(target, "instance_id", None) or entry.instance_id
    entry.save()
    return entry
