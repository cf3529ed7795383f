"""The one rich-text editor of the back office: a textarea that ProseMirror (django-prose-editor) enhances.

Without JavaScript the field stays a plain textarea: text typed there without any tag becomes paragraphs
(a blank line between two) and line breaks, so nobody has to write HTML. Whatever is posted goes through
the one sanitiser (`richtext.sanitise`) before a form sees it, and `RichTextField` sanitises again on save.

The editor has no image upload: pictures are added as described media beside the text (a cover image with
its alternative text), which keeps every image's alt text a required, visible field.
The editor's files load only on pages whose form has such a field (the back office), from the static files
django-prose-editor ships; `core/richtext.js` builds the editor without inline script or style (CSP).
"""

import re

from django import forms
from django.templatetags.static import static
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from participe.core.richtext import sanitise

TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
EMPTY = re.compile(r"^\s*(<(\w+)>\s*(<br\s*/?>)?\s*</\2>\s*)*$")

HELP_TEXT = _(
    "Headings, paragraphs, lists, quotes and links are kept. Without JavaScript, separate paragraphs with a "
    "blank line."
)


def text_to_html(value):
    """Plain text (no tag at all) as paragraphs; HTML from the editor as it is."""
    if not value or TAG.search(value):
        return value
    return linebreaks(escape(value))


def clean_rich_text(value, contribution=False):
    html = sanitise(text_to_html(value.strip()), contribution)
    return "" if EMPTY.match(html) else html


class RichTextWidget(forms.Textarea):
    template_name = "core/widgets/richtext.html"

    def __init__(self, attrs=None, contribution=False):
        self.contribution = contribution
        super().__init__({"rows": 10, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-richtext"] = "contribution" if self.contribution else "full"
        context["richtext_assets"] = {
            "css": [static("django_prose_editor/material-icons.css"), static("django_prose_editor/editor.css"),
                    static("core/richtext.css")],
            "js": static("core/richtext.js"),
            "i18n": static("core/richtext-i18n.js"),
        }
        return context

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return clean_rich_text(value, self.contribution) if isinstance(value, str) else value

    def use_required_attribute(self, initial):
        # The editor hides the textarea: a browser would refuse to submit without saying where.
        return False


class RichTextFormField(forms.CharField):
    """A form field for rich text outside model forms (a model's `RichTextField` takes the widget alone)."""

    widget = RichTextWidget

    def __init__(self, *args, contribution=False, **kwargs):
        kwargs.setdefault("widget", RichTextWidget(contribution=contribution))
        kwargs.setdefault("help_text", HELP_TEXT)
        super().__init__(*args, **kwargs)
