"""The one sanitising path for every rich-text field (allow-list HTML through nh3).

`sanitise(html)` for institution-written text; `sanitise(html, contribution=True)` for
citizen-written text, whose links get rel="nofollow ugc noopener".
"""

import nh3
from django.db import models
from django.utils.safestring import mark_safe

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "blockquote", "code", "pre",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "img", "figure", "figcaption", "abbr", "span",
}
CONTRIBUTION_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "s", "del", "ins", "blockquote", "ul", "ol", "li", "a", "code"}
ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "span": {"lang"},
    "p": {"lang"},
    "blockquote": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise(html, contribution=False):
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=CONTRIBUTION_TAGS if contribution else TAGS,
        attributes={k: v for k, v in ATTRIBUTES.items() if k != "img"} if contribution else ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener noreferrer" if contribution else "noopener noreferrer",
        strip_comments=True,
    )


def render(html, contribution=False):
    """Sanitise again at display time, so a row written by any path can never carry a script."""
    return mark_safe(sanitise(html, contribution))  # noqa: S308 - nh3 output is safe by construction


class RichTextField(models.TextField):
    """A TextField whose value is sanitised every time the model is saved."""

    def __init__(self, *args, contribution=False, **kwargs):
        self.contribution = contribution
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.contribution:
            kwargs["contribution"] = True
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = sanitise(getattr(model_instance, self.attname), self.contribution)
        setattr(model_instance, self.attname, value)
        return value
