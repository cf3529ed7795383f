"""`{% gate "vote" proposal as decision %}`: the participation gate's answer in a template.

    {% load gate %}
    {% gate "comment" opinion as decision %}
    {% if decision %}<form …>…</form>{% else %}{% include "participation/refusal.html" with refusal=decision %}{% endif %}
"""

from django import template

from participe.participation import gate as participation_gate

register = template.Library()


@register.simple_tag(takes_context=True)
def gate(context, action, target, anonymous=False):
    request = context["request"]
    return participation_gate.check(request.user, action, target, anonymous=anonymous, next_url=request.get_full_path())
