from django import template

from participe.core.richtext import render
from participe.core.richtext_widget import text_to_html

register = template.Library()


@register.filter
def rich(value):
    """{{ body|rich }}: institution-written rich text, sanitised."""
    return render(value)


@register.filter
def rich_contribution(value):
    """{{ body|rich_contribution }}: citizen-written rich text, sanitised, links nofollow."""
    return render(value, contribution=True)


@register.filter
def rich_or_plain(value):
    """{{ text|rich_or_plain }}: rich text, or older plain text (no tag at all) shown as paragraphs."""
    return render(text_to_html(value))
