"""One browser for the session, one context per test: Debian's Chromium driven by Playwright.

A journey runs in three ways (`MODES`): with JavaScript (mouse clicks), without JavaScript, and
keyboard only (Tab to reach each control, Enter/Space to act, focus visible at every step).
"""

import os
import re
import warnings
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

CHROMIUM = os.environ.get("PARTICIPE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MODES = ("js", "nojs", "keyboard")
ARTIFACTS = Path(os.environ.get("PARTICIPE_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
SCREENSHOTS = ARTIFACTS / "screenshots"
# Checkpoint pictures of every journey cost a full-page capture each: taken when asked (JOURNEY_SCREENSHOTS=1);
# a failing journey always leaves the picture of where it stopped (tests/journeys/conftest.py).
CHECKPOINT_SCREENSHOTS = os.environ.get("JOURNEY_SCREENSHOTS") == "1"

# What the keyboard user sees on the focused element: an outline or a box shadow.
FOCUS_STATE = """selector => {
  const el = document.activeElement;
  if (!el || el === document.body) return {matches: false, visible: true, what: "body"};
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const what = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.name ? "[name=" + el.name + "]" : "")
    + " " + (el.textContent || "").trim().slice(0, 40);
  return {matches: el.matches(selector), visible: outline || shadow, what: what};
}"""


class Journey:
    """A person going through pages: fills, ticks and presses the way their `mode` allows."""

    def __init__(self, page, mode, name, base_url, checker):
        self.page, self.mode, self.name, self.base_url, self.checker = page, mode, name, base_url.rstrip("/"), checker
        self.console_errors = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("response", self._on_response)

    def _on_console(self, message):
        # Failed loads are reported with their URL by _on_response.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def _on_response(self, response):
        broken = response.status >= 400 and response.request.resource_type != "document"
        if broken and not response.url.endswith("/favicon.ico"):  # browsers ask for it unprompted
            self.console_errors.append(f"{response.status} on {response.url}")

    @property
    def keyboard(self):
        return self.mode == "keyboard"

    # Moving around --------------------------------------------------------------------------
    def visit(self, url, checkpoint=None):
        self.page.goto(url if url.startswith("http") else self.base_url + url)
        self.arrived(checkpoint)

    def arrived(self, checkpoint=None):
        """After each page load: no script or CSP error; on key pages a screenshot and the a11y checks."""
        self.page.wait_for_load_state("load")
        assert not self.console_errors, f"{self.page.url}: {self.console_errors}"
        if checkpoint:
            if CHECKPOINT_SCREENSHOTS:
                self.screenshot(checkpoint)
            self.checker(self.page, self.mode, f"{self.name}:{checkpoint}")

    def screenshot(self, label):
        """A screenshot is an artifact for people reading a run, not a check: Chromium under heavy load sometimes
        refuses to capture one ("Unable to capture screenshot"), which must not fail the journey."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.name}-{self.mode}-{label}.png"
        for attempt in range(2):
            try:
                self.page.screenshot(path=path, full_page=True)
                return
            except PlaywrightError as error:
                if "capture screenshot" not in str(error):
                    raise
                if attempt:
                    warnings.warn(f"no screenshot {path.name}: {error}", stacklevel=2)
                    return

    @property
    def path(self):
        return re.sub(r"^https?://[^/]+", "", self.page.url)

    # Acting -----------------------------------------------------------------------------------
    def tab_to(self, selector, limit=120):
        """Press Tab until `selector` has the focus; every element met on the way shows its focus."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            state = self.page.evaluate(FOCUS_STATE, selector)
            assert state["visible"], f"{self.path}: focus not visible on {state['what']}"
            if state["matches"]:
                return
        raise AssertionError(f"{self.path}: {selector} cannot be reached with the Tab key")

    def fill(self, selector, value):
        # A rich-text field's textarea is hidden once the editor is built: type in the editor instead.
        editor = f".prose-editor:has(> {selector}) .ProseMirror[contenteditable]"
        if self.mode != "nojs" and self.page.locator(editor).count():
            selector = editor
        if self.keyboard:
            self.tab_to(selector)
            self.page.keyboard.press("Control+A")
            self.page.keyboard.press("Delete")
            self.page.keyboard.type(value)
        else:
            self.page.fill(selector, value)

    def tick(self, selector):
        """Tick a checkbox or choose a radio button (with the keyboard: Tab to the group, then arrows)."""
        if not self.keyboard:
            self.page.check(selector)
        elif self.page.get_attribute(selector, "type") == "radio":
            self.tab_to(f"input[type=radio][name='{self.page.get_attribute(selector, 'name')}']")
            for _ in range(20):
                if self.page.evaluate(FOCUS_STATE, selector)["matches"]:
                    break
                self.page.keyboard.press("ArrowDown")
            self.page.keyboard.press("Space")
        else:
            self.tab_to(selector)
            self.page.keyboard.press("Space")
        assert self.page.is_checked(selector)

    def press(self, selector, checkpoint=None):
        """Follow a link or press a button, then wait for the next page."""
        with self.page.expect_navigation():
            if self.keyboard:
                self.tab_to(selector)
                self.page.keyboard.press("Enter")
            else:
                self.page.click(selector)
        self.arrived(checkpoint)

    def submit(self, checkpoint=None, form="main form[method=post]"):
        self.press(f"{form} button[type=submit]", checkpoint)

    # Reading ------------------------------------------------------------------------------------
    def value(self, selector):
        return self.page.input_value(selector)

    def sees(self, selector):
        return self.page.locator(selector).count() > 0
