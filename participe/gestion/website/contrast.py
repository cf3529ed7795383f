"""The colour pairs the site draws from the instance's two colours, each refused under WCAG AA (4.5:1).

The primary colour carries white text (header, buttons) and is the colour of headings and links on the white
page; the secondary colour is an accent behind the site's dark text (badges, highlights). The site picks
black or white text on each colour, but a primary colour too light for white is refused rather than repainted,
so the organisation's colours are what visitors see.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from participe.core.colours import contrast_ratio, mix

AA = 4.5
WHITE = "#ffffff"
TEXT = "#1e1e1e"  # the site's text colour (--colour-text)


@dataclass(frozen=True)
class Pair:
    field: str
    against: str
    description: str


PAIRS = [
    Pair("primary_colour", WHITE, _("white text on the primary colour, and the primary colour on the white page")),
    Pair("secondary_colour", TEXT, _("the site's dark text on the secondary colour")),
]


def nearest_readable(colour, against, ratio=AA):
    """The colour closest to `colour` (mixed towards black or white) that contrasts `ratio` with `against`."""
    if contrast_ratio(colour, against) >= ratio:
        return colour
    towards = "#000000" if contrast_ratio(against, "#000000") > contrast_ratio(against, WHITE) else WHITE
    low, high = 0.0, 1.0
    for _step in range(20):  # bisection on the share of black or white
        middle = (low + high) / 2
        if contrast_ratio(mix(colour, towards, middle), against) >= ratio:
            high = middle
        else:
            low = middle
    return mix(colour, towards, high)


def problems(colours):
    """[(field, ratio, pair, proposal)] for each pair of `colours` ({field: "#rrggbb"}) under AA."""
    found = []
    for pair in PAIRS:
        colour = colours.get(pair.field)
        if not colour:
            continue
        ratio = contrast_ratio(colour, pair.against)
        if ratio < AA:
            found.append((pair.field, ratio, pair, nearest_readable(colour, pair.against)))
    return found
