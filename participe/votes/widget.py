"""The HTML of a vote widget, written in Python rather than as a template.

The widget is drawn many times per page (an article with its amendments and arguments, a list of
fifty proposals) and once per JavaScript vote: the template engine took about two milliseconds
per widget, this takes a tenth of that. The markup is the same plain form: it works without
JavaScript, and votes.js only enhances it.
"""

from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_DISABLED = ("", " disabled")


def _e(value):
    """conditional_escape() without its lazy-string machinery: the widget escapes a dozen values per form."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _whole(share):
    """A percentage rounded half up, as the templates' floatformat rounds it (not half to even)."""
    return str(Decimal(str(share)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _button(choice, secret):
    count = "" if secret else f'<span class="vote-button__count">{_e(choice["count"])}</span>'
    value, css = _e(choice["value"]), _e(choice["css"])
    if choice["pressed"]:
        return (
            f'<button type="submit" name="withdraw" value="1" class="vote-button {css}" aria-pressed="true"'
            f' data-value="{value}"><span class="vote-button__label">{_e(choice["chosen_label"])}</span>{count}'
            f'<span class="visually-hidden">{_e(_("(your vote — press again to withdraw it)"))}</span></button>'
        )
    return (
        f'<button type="submit" name="value" value="{value}" class="vote-button {css}" aria-pressed="false"'
        f' data-value="{value}"><span class="vote-button__label">{_e(choice["label"])}</span>{count}</button>'
    )


def _split(choices, total):
    bars = "".join(
        f'<rect class="vote-split__part {_e(c["css"])}" x="{c["offset"]:.1f}" y="0" width="{c["share"]:.1f}" height="4"></rect>'
        for c in choices
    )
    shares = " · ".join(f'{_e(c["label"])} : {_whole(c["share"])} %' for c in choices)
    votes = ngettext("%(counter)s vote", "%(counter)s votes", total) % {"counter": total}
    return (
        '<svg class="vote-split" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true"'
        f' focusable="false">{bars}</svg><p class="vote-split__text">{shares} <span class="vote-split__total">({_e(votes)})</span></p>'
    )


def render_widget(context, csrf_token=None, with_assets=False):
    """The widget's form for `context` (votes.templatetags.votes.widget_context). `csrf_token` is
    the page's token when it renders one (a cached page puts each visitor's back in its place)."""
    request = context["request"]
    assets = (
        f'<link rel="stylesheet" href="{_e(static("votes/votes.css"))}"><script src="{_e(static("votes/votes.js"))}" defer></script>'
        if with_assets else ""
    )
    secret = context["secret"]
    buttons = "".join(_button(choice, secret) for choice in context["choices"])
    split = _split(context["choices"], context["total"]) if context["show_split"] and context["total"] and not secret else ""
    closed = "" if context["open"] else f'<p class="vote-widget__closed">{_e(_("Voting is closed."))}</p>'
    # Every value from outside this module went through _e(); the rest is this module's markup.
    return mark_safe(  # noqa: S308
        f'{assets}<form method="post" action="{_e(context["action"])}" class="vote-widget vote-widget--{_e(context["kind"].key)}" data-vote-widget>'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(csrf_token or get_token(request))}">'
        f'<input type="hidden" name="next" value="{_e(context["next"])}"><input type="hidden" name="idempotency_key" value="{_e(context["idempotency_key"])}">'
        f'<fieldset class="vote-widget__choices"{_DISABLED[not context["open"]]}><legend class="visually-hidden">{_e(context["kind"].label)}</legend>{buttons}</fieldset>'
        f'{split}{closed}<p class="vote-widget__status visually-hidden" role="status" aria-live="polite"></p></form>'
    )
