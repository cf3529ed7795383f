"""Every horizontally scrolling table wrapper can be reached and scrolled with the keyboard (axe's
scrollable-region-focusable): a named region with tabindex="0", in every template."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "participe"
WRAPPER = re.compile(r"<div[^>]*\bclass=\"table-wrapper[\" ][^>]*>", re.S)


def test_every_table_wrapper_is_a_focusable_named_region():
    wrappers = [
        (path.relative_to(ROOT), tag)
        for path in ROOT.rglob("*.html")
        for tag in WRAPPER.findall(path.read_text(encoding="utf-8"))
    ]
    assert len(wrappers) > 20  # the scan found the templates
    wrong = [
        (str(path), tag)
        for path, tag in wrappers
        if not ('tabindex="0"' in tag and 'role="region"' in tag and ("aria-label=" in tag or "aria-labelledby=" in tag))
    ]
    assert not wrong
