# The two commands of the README:
#   make run    set up, build the graph from the sources, validate it, serve it on http://127.0.0.1:8000
#   make test   set up, then lint, type-check and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run setup build validate serve test lint typecheck pytest browser contract clean

run: build serve

# A virtual environment with the project installed (editable) and the dev tools; redone when
# pyproject.toml changes. Falls back to virtualenv where the venv module is missing.
$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || $(PYTHON) -m virtualenv $(VENV) \
	  || ($(PYTHON) -m pip install --user --quiet virtualenv && $(PYTHON) -m virtualenv $(VENV))
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(VENV)/.installed

build: setup
	$(BIN)/unodc-kg -v build

validate: setup
	$(BIN)/unodc-kg validate

serve: setup
	$(BIN)/unodc-kg serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check src api tests
	$(BIN)/ruff format --check src api

typecheck: setup
	$(BIN)/mypy

# The browser tests drive Debian's Chromium through chromedriver; install them when missing.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "the browser tests need Debian's chromium and chromium-driver: install them" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

pytest: setup browser
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

contract: setup
	$(BIN)/python ../shared/tools/check-contract.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
