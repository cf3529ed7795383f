from django import template

from participe.actionlog.labels import label_of

register = template.Library()


@register.filter
def action_label(action):
    """`{{ entry.action|action_label }}`: the action's name in the reader's language."""
    return label_of(action)
