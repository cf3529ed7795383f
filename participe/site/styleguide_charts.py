"""Example data of the charts shown on the style guide (website/styleguide/charts.html)."""

from datetime import date, timedelta

from django.utils.translation import gettext as _


def chart_examples():
    first = date(2026, 3, 2)
    return {
        "sg_choices": [
            {"label": _("Yes"), "count": 124, "percent": 62.0},
            {"label": _("No"), "count": 72, "percent": 36.0},
            {"label": _("No opinion"), "count": None, "percent": None},
        ],
        "sg_projects": [
            {"label": _("A greener school yard"), "votes": 412, "selected": True},
            {
                "label": _("Safer cycle lanes between the station and the high school"),
                "votes": 388,
                "selected": True,
            },
            {"label": _("A covered market hall"), "votes": 201, "selected": False},
        ],
        "sg_opinion": {"votes_agree": 18, "votes_mitigated": 7, "votes_disagree": 5},
        "sg_days": [
            {"day": first + timedelta(days=n), "total": total}
            for n, total in enumerate([3, 8, 5, 0, 12, 9, 4])
        ],
    }
