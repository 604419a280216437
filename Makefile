# The two commands of the README:
#   make run    set up, build the graph from the sources, validate it, serve it on http://127.0.0.1:8000
#   make test   set up, then lint, type-check and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run setup build validate serve test lint typecheck pytest browser virtuoso bench contract clean

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

# The external-store tests start a private Virtuoso (Debian's virtuoso-opensource-7) on 127.0.0.1; install it when
# missing, without starting the system's own Virtuoso service (a policy-rc.d that says no, for the install only).
virtuoso:
	@if ! command -v virtuoso-t >/dev/null 2>&1 || ! command -v isql-vt >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "the external-store tests need Debian's virtuoso-opensource-7: install it" >&2; exit 1; fi; \
	  guard=; if [ ! -e /usr/sbin/policy-rc.d ]; then guard=1; \
	    printf '#!/bin/sh\nexit 101\n' | $$SUDO tee /usr/sbin/policy-rc.d >/dev/null; $$SUDO chmod +x /usr/sbin/policy-rc.d; fi; \
	  $$SUDO apt-get update -qq \
	    && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      virtuoso-opensource-7 >/dev/null; status=$$?; \
	  if [ -n "$$guard" ]; then $$SUDO rm -f /usr/sbin/policy-rc.d; fi; exit $$status; \
	fi

# The benchmarks (issue 5): every size, side by side with rdflib-endpoint and a trivial FastAPI handler; writes
# benchmarks/results.md. About two hours on an idle machine; `make bench SIZES=1,10 QUICK=--quick` for a smoke test.
SIZES ?= 1,10,100,1000
bench: setup
	@command -v wrk >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/pip install -q -r benchmarks/requirements.txt
	$(BIN)/python -m benchmarks.run --sizes $(SIZES) $(QUICK)

pytest: setup browser virtuoso
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

contract: setup
	$(BIN)/python ../shared/tools/check-contract.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
