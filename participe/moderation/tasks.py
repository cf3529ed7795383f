from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from participe.instances.models import Instance
from participe.instances.scoping import in_instance
from participe.moderation.links import action_url
from participe.moderation.models import ModerationCase
from participe.notifications.services import notify


@shared_task(autoretry_for=(OperationalError, OSError), retry_backoff=30, retry_backoff_max=1800, max_retries=6)
def alert_moderators(case_id, instance_id):
    """Each moderator gets the report with one-click links signed for them."""
    instance = Instance.objects.get(pk=instance_id)
    with in_instance(instance), translation.override(instance.default_language):
        case = ModerationCase.objects.filter(pk=case_id).prefetch_related("reports").first()
        target = case and case.target
        if target is None:
            return 0
        reasons = ", ".join(sorted({str(r.get_reason_display()) for r in case.reports.all()})) or str(
            _awaiting_label()
        )
        quote = "; ".join(r.text for r in case.reports.all() if r.text)[:500]
        moderators = get_user_model().objects.filter(
            Q(is_moderator=True) | Q(is_instance_admin=True), is_active=True, deleted_at__isnull=True
        ).select_related("instance")
        queue = reverse("moderation:case", args=[case.pk])
        count = 0
        for moderator in moderators:
            actions = [
                {"label": label, "url": action_url(moderator, case, action)}
                for action, label in _action_labels()
            ]
            notify(moderator, "moderation_report", target, {"reason": reasons, "quote": quote, "actions": actions}, url=queue)
            count += 1
        return count


def _awaiting_label():
    from django.utils.translation import gettext

    return gettext("awaiting approval before publication")


def _action_labels():
    from django.utils.translation import gettext

    return [("approve", gettext("Approve")), ("hide", gettext("Hide with a reason")), ("trash", gettext("Remove"))]
