"""`make demo` (and production) install what runs, not the test tools (issue 19): the runtime dependencies of
pyproject.toml name no test tool, the test tools are the `test` extra, and `make demo` installs without it.
Measured (README): a fresh `make install` virtualenv is 167 MB without Playwright, pytest, ruff or pabutools."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST_TOOLS = {
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "playwright",
    "axe-playwright-python",
    "aiosmtpd",
    "hypothesis",
    "ruff",
    "bandit",
    "pabutools",
    "import-linter",
}


def _names(requirements):
    return {re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def test_the_runtime_dependencies_name_no_test_tool_and_the_test_extra_has_them():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime, extra = _names(project["dependencies"]), _names(project["optional-dependencies"]["test"])
    assert not runtime & TEST_TOOLS, runtime & TEST_TOOLS
    assert TEST_TOOLS <= extra, TEST_TOOLS - extra
    assert "django" in runtime and "openpyxl" in runtime  # what the platform runs


def test_make_demo_installs_without_the_test_extra():
    makefile = (ROOT / "Makefile").read_text()
    demo = re.search(r"^demo:\s*(.*)$", makefile, re.MULTILINE)[1].split()
    assert demo == ["install"]
    install = re.search(r"^install:\s*(.*)$", makefile, re.MULTILINE)[1].split()
    assert "install-test" not in install and "$(TEST_STAMP)" not in install
    stamp_recipe = re.search(r"^\$\(STAMP\):.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)[1]
    assert "pip install" in stamp_recipe and "[test]" not in stamp_recipe
