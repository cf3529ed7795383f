"""Server-rendered SVG charts: the geometry of the design system's chart component.

The templates `includes/charts/*.html` draw what these functions compute (through the `charts` template tags):
an `<svg role="img">` with its `<title>`, a one-sentence summary and the data table. No JavaScript, no inline
style (the CSP refuses it): colours come from the tokens through classes, patterns tell series apart without
colour. Along the value axis every length is a percentage of the SVG's width, so a chart takes the width of its
column at any screen size while its text keeps its size; heights are pixels. Coordinates are strings written with
a dot, because templates localise numbers ("12,5" is no SVG length).
"""

import math
import textwrap
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LINE = 20  # px per line of label text
BAR = 24  # px, thickness of a bar
GAP = 14  # px between two rows
WRAP = 30  # characters per label line: about 240 px at the small text size, so it fits 320 px screens
MAX_LINES = 3
INSIDE_FROM = 60  # a bar longer than this (% of the track) carries its value inside, a shorter one after it

# Series tones of the stacked charts: (class suffix, pattern, marks drawn light on a dark tone).
PATTERNS = {
    "solid": "",
    "dots": '<circle cx="4" cy="4" r="1.6"/>',
    "hatch": '<path d="M-2 2l4-4M0 8l8-8M6 10l4-4"/>',
    "cross": '<path d="M-2 2l4-4M0 8l8-8M6 10l4-4M-2 6l4 4M0 0l8 8M6 -2l4 4"/>',
    "lines": '<path d="M0 4h8"/>',
    "columns": '<path d="M4 0v8"/>',
    "grid": '<path d="M0 4h8M4 0v8"/>',
}
PALETTES = {
    "opinion": [("agree", "solid", True), ("mixed", "dots", False), ("against", "hatch", True)],
    "for_against": [("agree", "solid", True), ("against", "hatch", True)],
    "envelope": [("spent", "solid", True), ("left", "hatch", False)],
    "grades": [
        ("g1", "solid", True),
        ("g2", "dots", True),
        ("g3", "hatch", False),
        ("g4", "lines", False),
        ("g5", "cross", False),
        ("g6", "columns", True),
        ("g7", "grid", True),
    ],
}


def coordinate(value):
    """`value` as an SVG number: a dot, at most two decimals, no grouping."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def share(part, whole):
    """`part` as a percentage of `whole`, rounded down to the hundredth so that no bar passes its track."""
    if not whole or part is None or part <= 0:
        return 0.0
    return min(100.0, math.floor(part * 10000 / whole) / 100)


def number(value, decimals=None):
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def wrap(label, width=WRAP, max_lines=MAX_LINES):
    """A label cut into lines of at most `width` characters (words kept whole when they fit); past
    `max_lines`, the last line ends with an ellipsis (the data table has the whole label)."""
    lines = textwrap.wrap(str(label), width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def quoted(label):
    return _("“%(label)s”") % {"label": label}


@dataclass(frozen=True)
class Line:
    text: str
    y: str


@dataclass(frozen=True)
class Row:
    label: str
    lines: tuple
    value: object  # None: too small a count to be shown (suppressed), drawn as no bar at all
    text: str  # the value as written
    length: str  # of the bar, in % of the track
    marked: bool
    y: str  # top of the bar
    text_y: str  # baseline of the value
    inside: bool  # the value is written inside the bar
    segments: tuple = ()
    cells: tuple = ()  # stacked charts: the text of each series, for the data table


@dataclass(frozen=True)
class Segment:
    tone: int
    x: str
    width: str
    value: object
    text: str


@dataclass
class Chart:
    kind: str
    id: str
    title: str
    rows: list
    height: int
    summary: str = ""
    marked: bool = False
    series: list = field(default_factory=list)  # stacked charts: (name, tone index, legend text)
    tones: list = field(
        default_factory=list
    )  # stacked charts: (index, class suffix, pattern markup, light marks)
    headings: tuple = ()
    table: str = (
        "visible"  # "visible", "details" (in a "See the data" disclosure) or "" (the page has its own)
    )
    axis_y: str = ""
    label_y: str = ""
    first: str = ""
    last: str = ""


def _labelled(label, top):
    lines = wrap(label)
    return tuple(
        Line(text, coordinate(top + LINE * (k + 1) - 5)) for k, text in enumerate(lines)
    ), top + LINE * len(lines)


def bars(items, *, id, title, maximum=None, summary="", headings=(), table="visible"):
    """Horizontal bars, one per item: `items` are (label, value, text, marked) with `value` None when the count is
    too small to be shown (no bar is drawn for it, its text says why). The longest bar spans the track, or
    `maximum` does (100 for percentages)."""
    items = list(items)
    values = [value for _label, value, _text, _marked in items if value is not None]
    top_value = max(values, default=0)
    scale = maximum if maximum else top_value
    rows, top = [], 0
    for label, value, text, marked in items:
        lines, top = _labelled(label, top)
        length = share(value, scale)
        inside = length > INSIDE_FROM
        rows.append(
            Row(
                label=str(label),
                lines=lines,
                value=value,
                text=text,
                length=coordinate(length),
                marked=bool(marked),
                y=coordinate(top),
                text_y=coordinate(top + BAR - 7),
                inside=inside,
            )
        )
        top += BAR + GAP
    chart = Chart(
        kind="bars",
        id=id,
        title=title,
        rows=rows,
        height=max(top - GAP + 2, 0),
        marked=any(row.marked for row in rows),
        headings=headings,
        table=table,
    )
    chart.summary = summary or leaders_summary(rows, top_value)
    return chart


def leaders_summary(rows, top_value):
    shown = [row for row in rows if row.value is not None]
    if not shown:
        return _("Too few answers to show them.") if rows else _("Nothing to show.")
    if not top_value:
        return _("Too few answers to show them.") if len(shown) < len(rows) else _("Nothing counted yet.")
    leaders = [row for row in shown if row.value == top_value]
    if len(leaders) == 1:
        return _("%(label)s comes first: %(value)s.") % {
            "label": quoted(leaders[0].label),
            "value": leaders[0].text,
        }
    return _("%(labels)s are tied first: %(value)s each.") % {
        "labels": ", ".join(quoted(row.label) for row in leaders),
        "value": leaders[0].text,
    }


def stacked(items, series, *, id, title, palette="opinion", summary="", headings=(), table="visible"):
    """One bar per item split into its series: `items` are (label, [value per series]), `series` the names.
    Each series has a tone (a colour and a pattern, shown in the legend)."""
    tones = PALETTES[palette]
    items = [(label, [value or 0 for value in values]) for label, values in items]
    rows, top = [], 0
    for label, values in items:
        lines, top = _labelled(label, top) if len(items) > 1 or label else ((), top)
        total = sum(values)
        segments, cumulated, start = [], 0, 0.0
        for index, value in enumerate(values):
            cumulated += value
            end = share(cumulated, total)
            if value:
                segments.append(
                    Segment(
                        tone=index % len(tones),
                        x=coordinate(start),
                        width=coordinate(end - start),
                        value=value,
                        text=_share_text(value, total),
                    )
                )
            start = end
        rows.append(
            Row(
                label=str(label),
                lines=lines,
                value=total,
                text=number(total),
                length="100",
                marked=False,
                y=coordinate(top),
                text_y=coordinate(top + BAR - 7),
                inside=False,
                segments=tuple(segments),
                cells=tuple(_share_text(value, total) for value in values),
            )
        )
        top += BAR + GAP
    used = [(index % len(tones), name) for index, name in enumerate(series)]
    totals = [sum(values[index] for _label, values in items) for index in range(len(series))]
    grand = sum(totals)
    chart = Chart(
        kind="stacked",
        id=id,
        title=title,
        rows=rows,
        height=max(top - GAP + 2, 0),
        headings=headings,
        table=table,
        series=[(name, tone, _share_text(totals[k], grand)) for k, (tone, name) in enumerate(used)],
        tones=[
            (index, suffix, PATTERNS[pattern], light) for index, (suffix, pattern, light) in enumerate(tones)
        ],
    )
    if summary:
        chart.summary = summary
    elif not grand:
        chart.summary = _("Nothing counted yet.")
    elif len(items) == 1:
        chart.summary = (
            "; ".join(
                _("%(series)s: %(value)s") % {"series": name, "value": text}
                for name, _tone, text in chart.series
            )
            + "."
        )
    else:
        chart.summary = ngettext(
            "%(count)s row; in all, %(parts)s.", "%(count)s rows; in all, %(parts)s.", len(items)
        ) % {
            "count": number(len(items)),
            "parts": "; ".join(
                _("%(series)s: %(value)s") % {"series": name, "value": text}
                for name, _tone, text in chart.series
            ),
        }
    return chart


def _share_text(value, total):
    return _("%(count)s (%(percent)s %%)") % {
        "count": number(value),
        "percent": number(round(100 * value / total) if total else 0),
    }


PLOT = 120  # px, height of the tallest column
AXIS = 126  # px, the baseline
LABELS = 146  # px, baseline of the first and last labels


def columns(points, *, id, title, summary="", headings=(), table="details"):
    """Vertical bars over time: `points` are (label, value, text), oldest first. The tallest spans the plot;
    a value above zero stays visible (at least 2 px)."""
    points = list(points)
    peak = max((value for _label, value, _text in points), default=0)
    step = 100 / max(len(points), 1)
    rows = []
    for index, (label, value, text) in enumerate(points):
        height = math.floor(PLOT * value / peak) if peak else 0
        if value and height < 2:
            height = 2
        rows.append(
            Row(
                label=str(label),
                lines=(),
                value=value,
                text=text,
                marked=False,
                inside=False,
                length=coordinate(height),
                y=coordinate(AXIS - height),
                text_y="",
                segments=(
                    Segment(
                        tone=0,
                        x=coordinate(index * step + step * 0.1),
                        width=coordinate(step * 0.8),
                        value=value,
                        text=text,
                    ),
                ),
            )
        )
    chart = Chart(
        kind="columns",
        id=id,
        title=title,
        rows=rows,
        height=LABELS + 6,
        headings=headings,
        table=table,
        axis_y=coordinate(AXIS),
        label_y=coordinate(LABELS),
        first=rows[0].label if rows else "",
        last=rows[-1].label if rows else "",
    )
    if summary:
        chart.summary = summary
    elif not peak:
        chart.summary = _("Nothing counted yet.")
    else:
        busiest = max(rows, key=lambda row: row.value)
        chart.summary = _("%(total)s in all; the highest, %(value)s, on %(label)s.") % {
            "total": number(sum(row.value for row in rows)),
            "value": busiest.text,
            "label": busiest.label,
        }
    return chart
