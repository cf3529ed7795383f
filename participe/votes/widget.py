"""The HTML of a vote widget, written in Python rather than as a template.

The widget is drawn many times per page (an article with its amendments and arguments, a list of
fifty proposals) and once per JavaScript vote: the template engine took about two milliseconds
per widget, this takes a tenth of that. The markup is the same plain form: it works without
JavaScript, and votes.js only enhances it.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_DISABLED = ("", mark_safe(" disabled"))  # noqa: S308 - a constant


def _whole(share):
    """A percentage rounded half up, as the templates' floatformat rounds it (not half to even)."""
    return str(Decimal(str(share)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _button(choice, secret):
    count = "" if secret else format_html('<span class="vote-button__count">{}</span>', choice["count"])
    if choice["pressed"]:
        return format_html(
            '<button type="submit" name="withdraw" value="1" class="vote-button {}" aria-pressed="true"'
            ' data-value="{}"><span class="vote-button__label">{}</span>{}'
            '<span class="visually-hidden">{}</span></button>',
            choice["css"], choice["value"], choice["chosen_label"], count,
            _("(your vote — press again to withdraw it)"),
        )
    return format_html(
        '<button type="submit" name="value" value="{}" class="vote-button {}" aria-pressed="false"'
        ' data-value="{}"><span class="vote-button__label">{}</span>{}</button>',
        choice["value"], choice["css"], choice["value"], choice["label"], count,
    )


def _split(choices, total):
    bars = format_html_join(
        "", '<rect class="vote-split__part {}" x="{}" y="0" width="{}" height="4"></rect>',
        ((c["css"], f"{c['offset']:.1f}", f"{c['share']:.1f}") for c in choices),
    )
    shares = format_html_join(" · ", "{} : {} %", ((c["label"], _whole(c["share"])) for c in choices))
    votes = ngettext("%(counter)s vote", "%(counter)s votes", total) % {"counter": total}
    return format_html(
        '<svg class="vote-split" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true"'
        ' focusable="false">{}</svg><p class="vote-split__text">{} <span class="vote-split__total">({})</span></p>',
        bars, shares, votes,
    )


def render_widget(context, csrf_token=None, with_assets=False):
    """The widget's form for `context` (votes.templatetags.votes.widget_context). `csrf_token` is
    the page's token when it renders one (a cached page puts each visitor's back in its place)."""
    request = context["request"]
    assets = format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" defer></script>',
        static("votes/votes.css"), static("votes/votes.js"),
    ) if with_assets else ""
    secret = context["secret"]
    buttons = mark_safe("".join(_button(choice, secret) for choice in context["choices"]))  # noqa: S308 - each escaped
    split = _split(context["choices"], context["total"]) if context["show_split"] and context["total"] and not secret else ""
    closed = "" if context["open"] else format_html('<p class="vote-widget__closed">{}</p>', _("Voting is closed."))
    return format_html(
        '{}<form method="post" action="{}" class="vote-widget vote-widget--{}" data-vote-widget>'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}"><input type="hidden" name="idempotency_key" value="{}">'
        '<fieldset class="vote-widget__choices"{}><legend class="visually-hidden">{}</legend>{}</fieldset>'
        '{}{}<p class="vote-widget__status visually-hidden" role="status" aria-live="polite"></p></form>',
        assets, context["action"], context["kind"].key, csrf_token or get_token(request),
        context["next"], context["idempotency_key"], _DISABLED[not context["open"]],
        context["kind"].label, buttons, split, closed,
    )
