# The two commands of the README: `make demo` and `make test`. `make install` installs what runs (demo,
# production); `make install-test` adds the test tools (pytest, Playwright, ruff, pabutools…) for test and lint.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install install-test demo test test-postgres lint check-deploy browsers fonts clean screenshots public-screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# --no-compile: Python writes the bytecode of the modules it loads when it first runs them, not of every module.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

install: $(STAMP) fonts

install-test: $(TEST_STAMP)

demo: install
	$(BIN)/participe demo

test: install-test browsers
	$(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

test-postgres: install-test browsers
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/participe} $(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

# The pictures of the organisers' guide (docs/organisers/img/): the demo's back office and the organiser's journey.
screenshots: install-test browsers
	SCREENSHOTS=1 $(BIN)/python -m pytest -p no:randomly tests/gestion/test_crawl.py tests/journeys/test_organiser_whole_journey.py

# Every public page type of the demo, desktop and phone, into docs/screenshots/ (with its README index).
public-screenshots: install-test browsers
	PUBLIC_SCREENSHOTS=1 $(BIN)/python -m pytest -q -p no:randomly tests/site/test_public_screenshots.py

# Debian's Chromium for the browser journeys; never a downloaded browser.
browsers:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: browser journeys will be skipped"; \
	  else echo "chromium is missing (apt-get install chromium): browser journeys will be skipped"; fi; }

# The self-hosted typefaces an instance may pick (participe/core/typefaces.py): the Latin files of Fontsource's
# packages from the npm registry, unpacked into participe/static/fonts/ (not in git). Without npm, nothing is
# installed and pages use the system fonts; nothing is ever fetched at run time.
FONT_PACKAGES := atkinson-hyperlegible@5.3.0 source-sans-3@5.3.1 inter@5.3.0
FONT_DIR := participe/static/fonts
fonts: $(FONT_DIR)/.installed
$(FONT_DIR)/.installed:
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p $(FONT_DIR) var/fonts && \
	  for package in $(FONT_PACKAGES); do \
	    name=$${package%@*}; \
	    (cd var/fonts && npm pack --silent @fontsource/$$package >/dev/null) && \
	    tar -xzf var/fonts/fontsource-$$name-$${package#*@}.tgz -C $(FONT_DIR) --strip-components=2 --wildcards \
	      "package/files/$$name-latin-400-normal.woff2" "package/files/$$name-latin-400-italic.woff2" \
	      "package/files/$$name-latin-700-normal.woff2" || exit 1; \
	    tar -xzf var/fonts/fontsource-$$name-$${package#*@}.tgz -O package/LICENSE > $(FONT_DIR)/$$name-LICENSE.txt; \
	  done && touch $@; \
	else echo "npm is missing: no self-hosted typeface, pages use the system fonts"; fi

lint: install-test
	$(BIN)/ruff check participe tests bench
	$(BIN)/lint-imports

check-deploy: install
	DEBUG=0 HTTPS=1 SECRET_KEY=$$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=') ALLOWED_HOSTS=participe.example.org \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var .pytest_cache
