# The two commands of the README: `make demo` and `make test`. `make install` installs what runs (demo,
# production); `make install-test` adds the test tools (pytest, Playwright, ruff, pabutools…) for test and lint.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install install-test demo test test-postgres lint check-deploy browsers clean

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

install: $(STAMP)

install-test: $(TEST_STAMP)

demo: install
	$(BIN)/participe demo

test: install-test browsers
	$(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

test-postgres: install-test browsers
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/participe} $(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

# Debian's Chromium for the browser journeys; never a downloaded browser.
browsers:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: browser journeys will be skipped"; \
	  else echo "chromium is missing (apt-get install chromium): browser journeys will be skipped"; fi; }

lint: install-test
	$(BIN)/ruff check participe tests bench
	$(BIN)/lint-imports

check-deploy: install
	DEBUG=0 HTTPS=1 SECRET_KEY=$$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=') ALLOWED_HOSTS=participe.example.org \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var .pytest_cache
