"""The living style guide (/styleguide/): the design tokens read from tokens.css and every component rendered
from its example template, with the markup to copy. Instance administrators only."""

import re
from functools import lru_cache
from pathlib import Path

from django.contrib.auth.views import redirect_to_login
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participe.core.colours import contrast_ratio
from participe.site.styleguide_charts import chart_examples

# (anchor, title, example template under website/styleguide/), in the order of the page.
COMPONENTS = [
    ("header", _("Header"), "header"),
    ("footer", _("Footer"), "footer"),
    ("buttons", _("Buttons"), "buttons"),
    ("badges", _("Badges, states and tags"), "badges"),
    ("cards", _("Cards"), "cards"),
    ("alerts", _("Alerts"), "alerts"),
    ("forms", _("Forms"), "forms"),
    ("tables", _("Tables"), "tables"),
    ("tabs", _("Tabs"), "tabs"),
    ("timeline", _("Timeline"), "timeline"),
    ("progress", _("Progress"), "progress"),
    ("counters", _("Counters"), "counters"),
    ("pagination", _("Pagination"), "pagination"),
    ("breadcrumbs", _("Breadcrumbs"), "breadcrumbs"),
    ("empty-states", _("Empty states"), "empty_state"),
    ("disclosures", _("Disclosures"), "disclosure"),
    ("charts", _("Charts"), "charts"),
]
EXAMPLES = {"charts": chart_examples}  # example data of the components that draw some

TOKEN = re.compile(r"^\s*(--[a-z0-9-]+):\s*([^;]+);", re.MULTILINE)
HEX = re.compile(r"#[0-9a-fA-F]{6}")


@lru_cache(maxsize=1)
def _tokens(path, mtime):
    text = Path(path).read_text(encoding="utf-8")
    return tuple(TOKEN.findall(text))


def tokens():
    """The custom properties of tokens.css, grouped: colours (with their contrast on white), then the others."""
    path = finders.find("css/tokens.css")
    colours, others = [], []
    for name, value in _tokens(path, Path(path).stat().st_mtime):
        if name.startswith("--colour-") and HEX.fullmatch(value):
            colours.append({"name": name, "value": value, "on_white": round(contrast_ratio(value, "#ffffff"), 2)})
        else:
            others.append({"name": name, "value": value.strip()})
    return colours, others


def styleguide(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
    if not request.user.has_perm("backoffice.manage_instance"):
        raise PermissionDenied
    components = []
    for anchor, title, name in COMPONENTS:
        context = EXAMPLES[name]() if name in EXAMPLES else None
        html = render_to_string(f"website/styleguide/{name}.html", context, request=request).strip()
        components.append({"anchor": anchor, "title": title, "html": html})
    colours, others = tokens()
    return render(request, "website/styleguide.html", {"components": components, "colours": colours, "others": others})
