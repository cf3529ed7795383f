"""Template helpers of the consultation pages."""

from django import template
from django.template import Context, Template, TemplateSyntaxError

register = template.Library()

_SHARED = {
    "comments": "{% load comments %}{% comment_thread obj %}",
    "report": "{% load moderation %}{% report_link obj %}",
    "follow": "{% load follows %}{% follow_button obj %}",
}
_compiled = {}


@register.simple_tag(takes_context=True)
def shared(context, feature, obj):
    """Render a shared app's widget (comments, report link, follow button) when that app provides it."""
    if feature not in _compiled:
        try:
            _compiled[feature] = Template(_SHARED[feature])
        except TemplateSyntaxError:
            _compiled[feature] = None
    widget = _compiled[feature]
    if widget is None:
        return ""
    return widget.render(Context({**context.flatten(), "obj": obj}, autoescape=context.autoescape))


@register.filter
def percent(part, whole):
    return round(100 * part / whole) if whole else 0


@register.filter
def url_of(obj):
    """`obj.get_absolute_url()`, or "" while the app serving that page is not installed."""
    from django.urls import NoReverseMatch

    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
