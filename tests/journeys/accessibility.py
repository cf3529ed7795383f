"""Accessibility checks run on every page a journey reaches: axe-core (WCAG 2.1 A/AA) and reflow.

Results are kept for the session and written to test-artifacts/axe/ so that `rgaa_report.py`
can map them to RGAA 4.1 criteria.
"""

import json
import os

from tests.journeys.browser import ARTIFACTS

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Passing rules are listed with one node each (their ids are all the RGAA report needs): their full node lists
# made a big page's result slow to build and to carry back from the browser.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations", "incomplete"]}
AXE_DIR = ARTIFACTS / "axe"

# Run in the page: axe, then only what the checks and the report read (rule, impact, tags, help, ten targets).
RUN_AXE = """async (options) => {
  const results = await axe.run(document, options);
  const summary = rules => rules.map(rule => ({
    id: rule.id, impact: rule.impact, tags: rule.tags, help: rule.help,
    nodes: rule.nodes.slice(0, 10).map(node => ({target: node.target})),
  }));
  return {violations: summary(results.violations), incomplete: summary(results.incomplete),
          passes: summary(results.passes)};
}"""

_results = []
_axe_source = []


def _inject_axe(page):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        if not _axe_source:
            from axe_playwright_python.sync_playwright import Axe

            _axe_source.append(Axe().axe_script)
        page.evaluate(_axe_source[0])


def run_axe(page, label):
    """axe-core on the page as it is; returns the violations, keeps the whole result for the report."""
    _inject_axe(page)
    response = page.evaluate(RUN_AXE, AXE_OPTIONS)
    _results.append(
        {
            "label": label,
            "url": page.url,
            "violations": _summary(response["violations"]),
            "incomplete": _summary(response["incomplete"]),
            "passes": _summary(response["passes"]),
        }
    )
    return response["violations"]


def _summary(rules):
    return [{**rule, "nodes": [node["target"] for node in rule["nodes"]]} for rule in rules]


def describe(violations):
    return "\n".join(
        f"- {rule['id']} ({rule.get('impact')}): {rule['help']} — {[node['target'] for node in rule['nodes']][:5]}"
        for rule in violations
    )


def horizontal_overflow(page):
    """Pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .slice(-5)
    .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + el.className : "")
      + " " + Math.round(el.getBoundingClientRect().right) + "px");
}"""


def overflow_report(page):
    """Why a page scrolls sideways: the innermost elements sticking out of the window."""
    return f"{page.url} scrolls sideways by {horizontal_overflow(page)} px: {page.evaluate(OVERFLOWING)}"


def save_results():
    """Each process (xdist worker) writes its own file; the report merges them."""
    if not _results:
        return None
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    path = AXE_DIR / f"axe-{os.getpid()}.json"
    path.write_text(json.dumps(_results, indent=1, ensure_ascii=False))
    return path
