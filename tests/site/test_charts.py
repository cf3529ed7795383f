"""The chart component's geometry (participe/core/charts.py) and its templates, without a database."""

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from participe.core import charts


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _bars(items, **options):
    return charts.bars(items, id="chart-t", title="T", **options)


def test_no_value_draws_empty_tracks_and_says_so():
    chart = _bars([("Yes", 0, "0", False), ("No", 0, "0", False)])
    assert [row.length for row in chart.rows] == ["0", "0"]
    assert chart.summary == "Nothing counted yet."
    assert _bars([]).rows == [] and _bars([]).summary == "Nothing to show."


def test_one_value_spans_the_track_and_leads():
    chart = _bars([("Yes", 7, "7", False)])
    assert chart.rows[0].length == "100" and chart.rows[0].inside
    assert chart.summary == "“Yes” comes first: 7."


def test_a_suppressed_value_is_no_bar():
    chart = _bars([("Yes", 62.5, "62.5 % (10)", False), ("No", None, "fewer than 5", False)], maximum=100)
    assert chart.rows[0].length == "62.5"
    suppressed = chart.rows[1]
    assert suppressed.value is None and suppressed.length == "0" and not suppressed.inside
    assert "fewer than 5" not in chart.summary and "“Yes”" in chart.summary
    html = Template('{% include "includes/charts/bars.html" %}').render(Context({"chart": chart}))
    assert html.count('class="chart__bar"') == 1  # the suppressed value has its track, never a bar
    assert "fewer than 5" in html
    only_suppressed = _bars([("No", None, "fewer than 5", False)])
    assert only_suppressed.summary == "Too few answers to show them."
    # The rest at zero (an "other" choice nobody took): still too few, not "nothing counted".
    assert (
        _bars([("No", None, "fewer than 5", False), ("Other", 0, "0", False)]).summary
        == "Too few answers to show them."
    )


@pytest.mark.parametrize(
    "values", [(1, 3), (1, 1, 1), (2, 7, 7), (33.33, 33.33, 33.34), (1, 2, 3, 5, 7, 11, 13)]
)
def test_rounding_never_passes_the_track(values):
    chart = _bars([(str(n), value, str(value), False) for n, value in enumerate(values)])
    assert all(0 <= float(row.length) <= 100 for row in chart.rows)
    assert max(float(row.length) for row in chart.rows) == 100
    # Percentages of a whole (multiple choices may pass 100 %) stay within the track as well.
    chart = _bars([("a", 150.0, "", False), ("b", 99.999, "", False)], maximum=100)
    assert [row.length for row in chart.rows] == ["100", "99.99"]
    stacked = charts.stacked(
        [("", list(values))], [str(n) for n in range(len(values))], id="chart-s", title="S", palette="grades"
    )
    segments = stacked.rows[0].segments
    assert sum(float(segment.width) for segment in segments) <= 100
    for before, after in zip(segments, segments[1:], strict=False):
        assert float(before.x) + float(before.width) == pytest.approx(float(after.x))


def test_coordinates_are_written_with_a_dot_whatever_the_language():
    with translation.override("fr"):
        chart = _bars([("a", 1, "1", False), ("b", 3, "3", False)])
        html = Template('{% include "includes/charts/bars.html" %}').render(Context({"chart": chart}))
    assert chart.rows[0].length == "33.33"
    assert 'width="33.33%"' in html and "33,33" not in html
    assert charts.coordinate(Decimal("1234.5")) == "1234.5" and charts.coordinate(-0.001) == "0"


def test_long_labels_wrap_and_push_the_next_row_down():
    long = "Une piste cyclable sécurisée entre la gare et le lycée, avec des arceaux et un abri couvert pour les vélos cargos"
    chart = _bars([(long, 3, "3", False), ("Court", 1, "1", False)])
    first, second = chart.rows
    assert 1 < len(first.lines) <= charts.MAX_LINES
    assert all(len(line.text) <= charts.WRAP for line in first.lines)
    assert first.lines[-1].text.endswith("…")
    # Each line sits below the previous one, the bar below the label, the next row below the bar.
    ys = [float(line.y) for line in first.lines]
    assert ys == sorted(ys) and float(first.y) > ys[-1]
    assert float(second.lines[0].y) > float(first.y) + charts.BAR
    assert chart.height >= float(second.y) + charts.BAR
    word = "x" * 70  # a word longer than a line is cut
    assert all(len(line) <= charts.WRAP for line in charts.wrap(word))


def test_ties_and_marked_rows():
    chart = _bars([("A", 5, "5", True), ("B", 5, "5", False), ("C", 1, "1", True)])
    assert chart.marked and [row.marked for row in chart.rows] == [True, False, True]
    assert chart.summary == "“A”, “B” are tied first: 5 each."
    html = Template('{% include "includes/charts/bars.html" %}').render(Context({"chart": chart}))
    assert html.count("chart__bar--muted") == 1 and html.count("✓") == 2


def test_stacked_split_and_its_legend():
    chart = charts.stacked([("", [6, 3, 1])], ["Agree", "Mitigated", "Disagree"], id="chart-o", title="Votes")
    assert [segment.width for segment in chart.rows[0].segments] == ["60", "30", "10"]
    assert chart.summary == "Agree: 6 (60 %); Mitigated: 3 (30 %); Disagree: 1 (10 %)."
    html = Template('{% include "includes/charts/stacked.html" %}').render(Context({"chart": chart}))
    assert html.count("<pattern ") == 3 and 'fill="url(#chart-o-t2)"' in html
    assert html.count('class="chart__swatch"') == 3 and "Disagree: 1 (10 %)" in html
    assert 'role="img" aria-labelledby="chart-o-title" aria-describedby="chart-o-summary"' in html
    empty = charts.stacked([("", [0, 0])], ["For", "Against"], id="chart-e", title="E", palette="for_against")
    assert empty.rows[0].segments == () and empty.summary == "Nothing counted yet."


def test_columns_over_time():
    chart = charts.columns(
        [("1 Dec", 0, "0"), ("2 Dec", 1, "1"), ("3 Dec", 200, "200")], id="chart-c", title="C"
    )
    heights = [int(row.length) for row in chart.rows]
    assert heights[0] == 0 and heights[1] == 2 and heights[2] == charts.PLOT  # a small value stays visible
    assert all(float(row.y) + int(row.length) == charts.AXIS for row in chart.rows)
    xs = [float(row.segments[0].x) + float(row.segments[0].width) for row in chart.rows]
    assert max(xs) <= 100
    assert chart.summary == "201 in all; the highest, 200, on 3 Dec."
    assert charts.columns([], id="chart-n", title="N").summary == "Nothing counted yet."


def test_the_tags_read_the_objects_pages_already_have():
    html = Template(
        '{% load charts %}{% bar_chart bars id="q" key=12 title="Which?" percent="percent" suppressed="fewer than 5" '
        'label_heading="Choice" value_heading="Answers" %}'
    ).render(
        Context(
            {
                "bars": [
                    {"label": "Yes", "count": 8, "percent": 80.0},
                    {"label": "No", "count": None, "percent": None},
                ]
            }
        )
    )
    assert 'id="chart-q-12"' in html and '<title id="chart-q-12-title">Which?</title>' in html
    assert "“Yes” comes first: 80.0 % (8)." in html
    assert re.search(r"<th scope=\"row\">No</th><td class=\"number\">fewer than 5</td>", html)
    assert 'width="80%"' in html and html.count('class="chart__bar"') == 1


def test_a_page_sized_chart_stays_small():
    rows = [(f"Proposition numéro {n} pour le quartier", n * 10, str(n * 10), n % 2 == 0) for n in range(15)]
    html = Template('{% include "includes/charts/bars.html" %}').render(Context({"chart": _bars(rows)}))
    assert len(html.encode()) < 12_000
