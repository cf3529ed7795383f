"""Bandit on the code: no finding of medium or high severity left unreviewed.

A finding is reviewed when its line says so: `# nosec BXXX` (bandit) or the same check's ruff
code, `# noqa: SXXX` (ruff runs flake8-bandit's rules too, so one marker is enough).
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Bandit checks whose ruff (flake8-bandit) code differs from "S" + the number.
RUFF_CODE = {"B703": "S308"}


def _bandit():
    return shutil.which("bandit", path=str(Path(sys.executable).parent)) or shutil.which("bandit")


def _reviewed(finding):
    lines = (ROOT / finding["filename"]).read_text().splitlines()
    numbers = finding.get("line_range") or [finding["line_number"]]
    ruff_code = RUFF_CODE.get(finding["test_id"], "S" + finding["test_id"][1:])
    return any(re.search(rf"noqa:[^#]*\b{ruff_code}\b", lines[number - 1]) for number in numbers)


def test_bandit_finds_nothing_unreviewed():
    bandit = _bandit()
    if bandit is None:
        pytest.skip("bandit is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [bandit, "-r", "participe", "-q", "-ll", "-f", "json", "-c", "pyproject.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    assert not report["errors"], report["errors"]
    unreviewed = [f for f in report["results"] if not _reviewed(f)]
    assert not unreviewed, "\n".join(
        f"{f['filename']}:{f['line_number']} {f['test_id']} {f['issue_severity']}: {f['issue_text']}" for f in unreviewed
    )
