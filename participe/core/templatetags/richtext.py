from django import template

from participe.core.richtext import render

register = template.Library()


@register.filter
def rich(value):
    """{{ body|rich }}: institution-written rich text, sanitised."""
    return render(value)


@register.filter
def rich_contribution(value):
    """{{ body|rich_contribution }}: citizen-written rich text, sanitised, links nofollow."""
    return render(value, contribution=True)
