"""The chart component's tags (`{% load charts %}`): each turns the objects a page already has into a chart
(`participe.core.charts`) drawn by `includes/charts/*.html`. Attribute names say where the numbers are, so the
tags know nothing of the modules that use them."""

import datetime

from django import template
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _

from participe.core import charts

register = template.Library()


def _get(item, name):
    if not name:
        return None
    if isinstance(item, dict):
        return item.get(name)
    return getattr(item, name, None)


def _id(id, key):
    """The chart's element id: "chart-<id>" or "chart-<id>-<key>" (a key unique on the page, such as a pk)."""
    return slugify(f"chart-{id}-{key}" if key not in (None, "") else f"chart-{id}")


@register.inclusion_tag("includes/charts/bars.html")
def bar_chart(
    items,
    id,
    title,
    key=None,
    label="label",
    value="count",
    percent="",
    marked="",
    maximum=None,
    suppressed="",
    unit="",
    summary="",
    intro="",
    label_heading="",
    value_heading="",
    table="visible",
):
    """Horizontal bars. With `percent`, bars are that percentage (of 100) and read "62 % (124)"; an item whose
    value is None is suppressed (too small a count): no bar, `suppressed` as its text."""
    rows = []
    for item in items:
        count, part = _get(item, value), _get(item, percent)
        if count is None or (percent and part is None):
            length, text = None, suppressed or "—"
        elif percent:
            length, text = (
                part,
                _("%(percent)s %% (%(count)s)")
                % {"percent": charts.number(part), "count": charts.number(count)},
            )
        else:
            length, text = count, charts.number(count) + unit
        rows.append((_get(item, label), length, text, bool(_get(item, marked))))
    if percent and maximum is None:
        maximum = 100
    headings = (label_heading or _("Item"), value_heading or _("Value"))
    chart = charts.bars(
        rows, id=_id(id, key), title=title, maximum=maximum, summary=summary, headings=headings, table=table
    )
    if intro:
        chart.summary = f"{intro} {chart.summary}"
    return {"chart": chart}


SPLITS = {
    "agree": (("votes_agree", "votes_mitigated", "votes_disagree"), "opinion"),
    "for_against": (("votes_for", "votes_against"), "for_against"),
}


def _split_names(kind):
    if kind == "agree":
        return [_("Agree"), _("Mitigated"), _("Disagree")]
    return [_("For"), _("Against")]


@register.inclusion_tag("includes/charts/stacked.html")
def split_chart(
    objects,
    id,
    title,
    key=None,
    kind="agree",
    values="",
    label="title",
    summary="",
    label_heading="",
    table="visible",
):
    """The split of votes of one object, or of each of a list (one bar each): agree / mitigated / disagree
    (`kind="agree"`) or for / against; `values` names other counter attributes, space separated."""
    attributes, palette = SPLITS[kind]
    if values:
        attributes = values.split()
    many = hasattr(objects, "__iter__") and not isinstance(objects, (dict, str))
    objects = list(objects) if many else [objects]
    items = [
        (_get(obj, label) if many else "", [_get(obj, name) or 0 for name in attributes]) for obj in objects
    ]
    names = _split_names(kind)
    headings = (label_heading or _("Item"), *names)
    chart = charts.stacked(
        items,
        names,
        id=_id(id, key),
        title=title,
        palette=palette,
        summary=summary,
        headings=headings,
        table=table,
    )
    return {"chart": chart}


@register.inclusion_tag("includes/charts/stacked.html")
def envelope_chart(spent, budget, id, title, key=None, unit=" €", table="details"):
    """What is spent of an envelope and what is left."""
    spent, budget = spent or 0, budget or 0
    left = max(budget - spent, 0)
    names = [_("Spent"), _("Left")]
    summary = _("%(spent)s spent of %(budget)s (%(percent)s %%).") % {
        "spent": charts.number(spent, 0) + unit,
        "budget": charts.number(budget, 0) + unit,
        "percent": charts.number(round(100 * spent / budget) if budget else 0),
    }
    chart = charts.stacked(
        [("", [spent, left])],
        names,
        id=_id(id, key),
        title=title,
        palette="envelope",
        summary=summary,
        headings=(_("Envelope"), *names),
        table=table,
    )
    return {"chart": chart}


@register.inclusion_tag("includes/charts/stacked.html")
def grades_chart(judgment, grade_labels, id, title, key=None, table=""):
    """Majority judgment: each option's merit profile (best grade first), winner first."""
    items = [(row["label"], [bar.count or 0 for bar in row["profile"]]) for row in judgment]
    summary = ""
    if judgment and any(sum(values) for _label, values in items):
        summary = _("%(label)s comes first, with the majority grade %(grade)s.") % {
            "label": charts.quoted(judgment[0]["label"]),
            "grade": charts.quoted(judgment[0]["grade"]),
        }
    chart = charts.stacked(
        items,
        list(grade_labels),
        id=_id(id, key),
        title=title,
        palette="grades",
        summary=summary,
        headings=(_("Option"), *grade_labels),
        table=table,
    )
    return {"chart": chart}


@register.inclusion_tag("includes/charts/columns.html")
def columns_chart(
    items,
    id,
    title,
    key=None,
    label="date",
    value="total",
    summary="",
    label_heading="",
    value_heading="",
    table="details",
):
    """Vertical bars over time (dates are written short: "6 Dec")."""
    points = []
    for item in items:
        name, count = _get(item, label), _get(item, value) or 0
        if isinstance(name, datetime.date):
            name = formats.date_format(name, "j M")
        points.append((name, count, charts.number(count)))
    headings = (label_heading or _("Day"), value_heading or _("Value"))
    return {
        "chart": charts.columns(
            points, id=_id(id, key), title=title, summary=summary, headings=headings, table=table
        )
    }
