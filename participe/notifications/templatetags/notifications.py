from django import template

from participe.notifications.models import Notification

register = template.Library()


@register.inclusion_tag("notifications/bell_link.html", takes_context=True)
def notification_bell(context):
    """The header link to one's notifications with the unread count (one COUNT query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"shown": False}
    return {"shown": True, "unread": Notification.objects.filter(user=user).unread().count()}
