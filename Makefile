# Build, check and test typed-registry. Every tool runs from .venv, which `make venv` creates.

# The interpreter that creates .venv: python3.11, else python3 (its version is checked below).
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
endif

VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PY     := $(BIN)/python
RUFF   := $(BIN)/ruff
MYPY   := $(BIN)/mypy
PYRIGHT := $(BIN)/pyright
PYTEST := $(BIN)/pytest
SPHINX := $(BIN)/sphinx-build
# Pyright looks for a pyrightconfig.json in every parent directory before it reads our
# pyproject.toml (a stray /tmp/pyrightconfig.json took over here once): name the config.
PYRIGHT_CONFIG := --project pyproject.toml
# `pyright --verifytypes` ignores the [tool.pyright] venv setting (and --pythonpath): it imports
# the package through whichever `python` is first on PATH, so put the venv's there.
IN_VENV := PATH="$(CURDIR)/$(BIN):$$PATH"

PYTEST_COV := --cov=typed_registry --cov-branch --cov-report=term-missing --cov-fail-under=100
SPHINX_HTML := -W --keep-going -b html docs docs/_build/html

.PHONY: venv test demo bench docs fmt clean

# Create .venv if missing and install the package (editable) with the dev group.
venv: $(STAMP)

# Re-installs only when pyproject.toml is newer than the stamp.
$(STAMP): pyproject.toml
	@if [ ! -x $(PY) ]; then \
	    if [ -z "$(PYTHON)" ]; then \
	        echo "error: neither python3.11 nor python3 is on PATH (need Python >= 3.11)" >&2; \
	        exit 1; \
	    fi; \
	    "$(PYTHON)" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	        echo "error: $(PYTHON) is Python $$("$(PYTHON)" -c 'import platform; print(platform.python_version())'), need >= 3.11; run: make PYTHON=/path/to/python3.11" >&2; \
	        exit 1; \
	    }; \
	    echo "creating $(VENV) with $(PYTHON)"; \
	    "$(PYTHON)" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet -e . --group dev
	touch $@

# All checks, in order, stopping at the first failure (this is what CI runs).
test: venv
	$(RUFF) check .
	$(RUFF) format --check .
	$(MYPY) --strict
	$(MYPY) --strict typing_tests/
	$(PYRIGHT) $(PYRIGHT_CONFIG)
	$(IN_VENV) $(PYRIGHT) --verifytypes typed_registry --ignoreexternal
	$(PYTEST) $(PYTEST_COV)
	$(SPHINX) $(SPHINX_HTML)

# Run the demo module.
demo: venv
	$(PY) -m typed_registry.demo

# Run the runtime benchmarks.
bench: venv
	$(PY) benchmarks/bench_runtime.py

# Build the HTML documentation into docs/_build/html.
docs: venv
	$(SPHINX) $(SPHINX_HTML)

# Format the code and apply ruff's safe fixes.
fmt: venv
	$(RUFF) format .
	$(RUFF) check --fix .

# Remove the venv, caches and build output.
clean:
	rm -rf $(VENV) .mypy_cache .dmypy.json .pytest_cache .ruff_cache .hypothesis \
	    .coverage .coverage.* htmlcov docs/_build dist build
	find . -path ./.git -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -prune \
	    -exec rm -rf {} +
