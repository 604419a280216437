# The two commands of the README:
#   make run    set up, build the graph from the sources, validate it, serve it on http://127.0.0.1:8000
#   make test   set up, then lint, type-check and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run setup build validate serve test lint typecheck pytest contract clean

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

pytest: setup
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

contract: setup
	$(BIN)/python ../shared/tools/check-contract.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
