"""Write test-artifacts/rgaa-report.md from the axe results of the journeys, by RGAA 4.1 criterion.

    .venv/bin/python -m tests.journeys.rgaa_report [artifacts folder]

Run at the end of every browser run (tests/journeys/conftest.py); also runnable alone on the JSON
files a run left in test-artifacts/axe/. The report supports an instance's accessibility statement:
it says which RGAA criteria automated checks cover, on which pages, and what stays manual.
"""

import json
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

try:
    from tests.journeys.rgaa_mapping import (
        AXE_RULE_TO_RGAA,
        HARNESS_CHECKS,
        RGAA_CRITERIA,
        WCAG_TO_RGAA,
        success_criterion,
    )
except ImportError:  # run as a script from this folder
    from rgaa_mapping import AXE_RULE_TO_RGAA, HARNESS_CHECKS, RGAA_CRITERIA, WCAG_TO_RGAA, success_criterion

DEFAULT_ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def load(artifacts):
    runs = []
    for path in sorted((artifacts / "axe").glob("axe-*.json")):
        runs.extend(json.loads(path.read_text()))
    return runs


def rgaa_criteria(rule):
    """The RGAA criteria an axe rule checks: its own row if it has one, else its success criteria's."""
    if rule["id"] in AXE_RULE_TO_RGAA:
        return AXE_RULE_TO_RGAA[rule["id"]]
    return sorted({c for tag in rule["tags"] for c in WCAG_TO_RGAA.get(success_criterion(tag), [])})


def _by_criterion(runs, kind):
    """RGAA criterion → {axe rule id → set of page labels}."""
    found = defaultdict(lambda: defaultdict(set))
    for run in runs:
        for rule in run[kind]:
            for criterion in rgaa_criteria(rule):
                found[criterion][rule["id"]].add(run["label"])
    return found


def _order(criterion):
    return tuple(int(part) for part in criterion.split("."))


def render(runs):
    violations, incomplete, passes = (_by_criterion(runs, kind) for kind in ("violations", "incomplete", "passes"))
    pages = sorted({run["label"] for run in runs})
    lines = [
        "# Accessibility: automated checks by RGAA 4.1 criterion",
        "",
        f"Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC from {len(runs)} axe-core runs "
        f"(WCAG 2.1 A/AA rules) on {len(pages)} page states visited by the browser journeys.",
        "",
        "Automated checks prove the absence of the errors they know; they do not make a page compliant.",
        "Criteria marked *manual* need a human audit (relevance of alternatives, titles, link purposes…).",
        "",
        "| RGAA | Criterion | Result | axe rules |",
        "|---|---|---|---|",
    ]
    for criterion in sorted(RGAA_CRITERIA, key=_order):
        if criterion in violations:
            result = f"**{sum(len(p) for p in violations[criterion].values())} violation(s)**"
            rules = violations[criterion]
        elif criterion in passes:
            result = "passed" + (" (some items to check by hand)" if criterion in incomplete else "")
            rules = passes[criterion]
        elif criterion in incomplete:
            result = "to check by hand"
            rules = incomplete[criterion]
        else:
            result = "*manual* (or nothing to test on these pages)"
            rules = {}
        lines.append(f"| {criterion} | {RGAA_CRITERIA[criterion]} | {result} | {', '.join(sorted(rules))} |")
    lines += ["", "## Checks the journeys make themselves", ""]
    for check, sc in HARNESS_CHECKS.items():
        rgaa = ", ".join(WCAG_TO_RGAA.get(sc, []))
        lines.append(f"- {check} — WCAG {sc} — RGAA {rgaa}")
    lines += ["", "## Violations by page", ""]
    failing = [run for run in runs if run["violations"]]
    if not failing:
        lines.append("None.")
    for run in failing:
        lines.append(f"- `{run['label']}` {run['url']}")
        for rule in run["violations"]:
            rgaa = ", ".join(rgaa_criteria(rule)) or "none mapped"
            lines.append(f"  - {rule['id']} ({rule['impact']}, RGAA {rgaa}): {rule['help']} — {rule['nodes'][:3]}")
    lines += ["", "## Pages checked", ""] + [f"- {page}" for page in pages]
    return "\n".join(lines) + "\n"


def write_report(artifacts=DEFAULT_ARTIFACTS):
    runs = load(Path(artifacts))
    if not runs:
        return None
    path = Path(artifacts) / "rgaa-report.md"
    path.write_text(render(runs))
    return path


if __name__ == "__main__":
    written = write_report(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ARTIFACTS)
    print(written or "no axe results found (run the browser journeys first)")
