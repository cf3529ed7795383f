"""`{% translated obj "title" %}`: a field in the page's language, the default language's text when missing.

Rich-text fields come out sanitised (no `|rich` after them); `{% translated obj "title" as title %}` keeps the
value for later use. No query per row: see `participe/translations/lookup.py`.
"""

from django import template

from participe.translations.lookup import display

register = template.Library()


@register.simple_tag(takes_context=True)
def translated(context, obj, field):
    if obj is None or obj == "":
        return ""
    return display(obj, field, request=context.get("request"))
