"""The voter's ballot on a step page (the sticky summary and the cards' buttons read it)."""

from django import template

from participe.core.params import id_param
from participe.modules.proposals.ballot_summary import money, summary

register = template.Library()


@register.simple_tag(takes_context=True)
def my_ballot(context):
    """The signed-in voter's ballot summary of the page's step, or None (no ballot vote, or a visitor)."""
    request, step, settings = context.get("request"), context.get("step"), context.get("vote")
    user = getattr(request, "user", None)
    if step is None or settings is None or not settings.uses_ballots or settings.type == "ranking":
        return None
    if user is None or not user.is_authenticated:
        return None
    return summary(user, step, settings, id_param(request.GET, "district"))


@register.simple_tag
def ballot_refusal(ballot, proposal):
    """Why `proposal` cannot be added to `ballot` now (shown next to its disabled button), or ""."""
    if ballot is None:
        return ""
    return ballot.fits(proposal, getattr(proposal, "envelope_district", None)) or ""


@register.filter
def euros(amount):
    return money(amount)
