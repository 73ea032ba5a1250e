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
NOX    := $(BIN)/nox
# Pyright looks for a pyrightconfig.json in every parent directory before it reads our
# pyproject.toml (a stray /tmp/pyrightconfig.json took over here once): name the config.
PYRIGHT_CONFIG := --project pyproject.toml
# `pyright --verifytypes` ignores the [tool.pyright] venv setting (and --pythonpath): it imports
# the package through whichever `python` is first on PATH, so put the venv's there.
IN_VENV := PATH="$(CURDIR)/$(BIN):$$PATH"

# The lowest mypy the `mypy` extra allows: the plugin's tests also run against it, in a venv
# of its own (.venv-mypy-lowest) so that the main venv keeps the newest.
MYPY_LOWEST := 2.4.0
LOWEST_VENV := .venv-mypy-lowest
LOWEST_STAMP := $(LOWEST_VENV)/.installed-$(MYPY_LOWEST)

# The suite on every core; a file's tests stay on one worker (they share module fixtures).
PYTEST_PARALLEL := -n auto --dist loadfile
PYTEST_COV := --cov=typed_registry --cov-branch --cov-report=term-missing --cov-fail-under=100
# The Python versions that `make test` runs the suite on besides .venv's 3.11 (noxfile.py finds
# their interpreters; PYTHON312=/path/to/python3.12 names one).
NOX_SESSIONS := tests-3.12 tests-3.13
SPHINX_HTML := -W --keep-going -b html docs docs/_build/html

.PHONY: venv test test-mypy-lowest test-pythons dist demo bench bench-plugin bench-stubs realworld docs fmt clean

# Create .venv if missing and install the package (editable) with the dev group.
venv: $(STAMP)

# Re-installs only when pyproject.toml or the version is newer than the stamp (the installed
# metadata holds the version, which docs/conf.py and tests/test_release.py read).
$(STAMP): pyproject.toml src/typed_registry/_version.py
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

# A venv with the lowest supported mypy, for the plugin's tests.
$(LOWEST_STAMP): pyproject.toml $(STAMP)
	rm -rf $(LOWEST_VENV)
	$(PY) -m venv $(LOWEST_VENV)
	$(LOWEST_VENV)/bin/python -m pip install --quiet --upgrade "pip>=25.1"
	$(LOWEST_VENV)/bin/python -m pip install --quiet -e . --group test
	# Then replace the test group's pinned (newest) mypy by the lowest one.
	$(LOWEST_VENV)/bin/python -m pip install --quiet "mypy==$(MYPY_LOWEST)"
	touch $@

# The plugin's tests under the lowest supported mypy (`make test` runs them under the newest).
test-mypy-lowest: $(LOWEST_STAMP)
	$(LOWEST_VENV)/bin/python -c 'import mypy.version as v; assert v.__version__ == "$(MYPY_LOWEST)", v.__version__'
	$(LOWEST_VENV)/bin/pytest tests/plugin -q -p no:cacheprovider $(PYTEST_PARALLEL)

# All checks, in order, stopping at the first failure (this is what CI runs).
test: venv
	$(RUFF) check .
	$(RUFF) format --check .
	$(MYPY) --strict
	$(MYPY) --strict typing_tests/
	$(PYRIGHT) $(PYRIGHT_CONFIG)
	$(IN_VENV) $(PYRIGHT) --verifytypes typed_registry --ignoreexternal
	$(PYTEST) $(PYTEST_PARALLEL) $(PYTEST_COV)
	$(SPHINX) $(SPHINX_HTML)
	$(MAKE) dist
	$(MAKE) test-pythons
	$(MAKE) test-mypy-lowest

# The pytest suite on Python 3.12 and 3.13, each in a virtualenv of its own under .nox/ (kept
# between runs), without coverage: `nox` alone runs 3.11 too.
test-pythons: venv
	$(NOX) --sessions $(NOX_SESSIONS)

# Build the sdist and the wheel into dist/ (the wheel from the sdist, as pip would) and check
# them: metadata and README rendering (twine), and the wheel's files (check-wheel-contents,
# configured in pyproject.toml: typed_registry with py.typed and the plugin, no tests or docs).
dist: venv
	rm -rf dist
	$(PY) -m build --no-isolation --outdir dist .
	$(BIN)/twine check --strict dist/*
	$(BIN)/check-wheel-contents dist/*.whl

# Run the demo in a venv of its own, .venv-demo, with only the package (which brings the
# `typed-registry` command and typeguard) and mypy (created in seconds; .venv's dev group is
# hundreds of MB): the runtime session; mypy with the plugin on demo/configs.py (configs in
# code) and on demo/configs/detector.py (a config file); then `typed-registry check` on that
# file. Both find the files' mistakes and exit with 1; any other status (a crash is 2) fails.
# On a fresh cache mypy lists the files' errors in the reverse order of its arguments (a file
# edited since the last run comes last): the config file's then come just above check's.
# The venv has no pip of its own when $(PYTHON)'s pip can install into it (pip >= 22.3,
# --python): that saves the time ensurepip takes, about a third of the set-up.
DEMO_MYPY := .venv-demo/bin/mypy --config-file demo/pyproject.toml demo/configs/detector.py demo/configs.py
DEMO_CHECK := .venv-demo/bin/typed-registry check --settings demo/pyproject.toml demo/configs/detector.py

demo:
	@if [ ! -x .venv-demo/bin/python ] || [ pyproject.toml -nt .venv-demo/.installed ]; then \
	    "$(PYTHON)" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	        echo "error: need Python >= 3.11 (found: '$(PYTHON)'); run: make demo PYTHON=/path/to/python3.11" >&2; \
	        exit 1; \
	    }; \
	    echo "creating .venv-demo with $(PYTHON): the package and mypy only"; \
	    [ -x .venv-demo/bin/python ] || "$(PYTHON)" -m venv --without-pip .venv-demo || exit 1; \
	    if "$(PYTHON)" -m pip --python .venv-demo/bin/python --version >/dev/null 2>&1; then \
	        "$(PYTHON)" -m pip --python .venv-demo/bin/python install --quiet -e '.[mypy]' || exit 1; \
	    else \
	        .venv-demo/bin/python -m ensurepip --default-pip >/dev/null || exit 1; \
	        .venv-demo/bin/python -m pip install --quiet -e '.[mypy]' || exit 1; \
	    fi; \
	    touch .venv-demo/.installed; \
	fi
	@echo '$$ .venv-demo/bin/python -m typed_registry.demo'
	@.venv-demo/bin/python -m typed_registry.demo
	@echo
	@echo '# mypy with the plugin: the mistakes in configs written in code, and in a config file'
	@echo '$$ $(DEMO_MYPY)'
	@$(DEMO_MYPY); status=$$?; \
	if [ $$status -ne 1 ]; then \
	    echo "error: mypy exited with status $$status; the demo expects 1 (the mistakes in demo/configs.py and demo/configs/detector.py)" >&2; \
	    exit 1; \
	fi
	@echo
	@echo '# The same config file checked without mypy, at run time, building nothing'
	@echo '$$ $(DEMO_CHECK)'
	@$(DEMO_CHECK); status=$$?; \
	if [ $$status -ne 1 ]; then \
	    echo "error: typed-registry check exited with status $$status; the demo expects 1 (the mistakes in demo/configs/detector.py)" >&2; \
	    exit 1; \
	fi

# Run the runtime benchmark and `typed-registry check`'s (docs/performance.md records their
# figures).
bench: venv
	$(PY) benchmarks/bench_runtime.py
	$(PY) benchmarks/bench_check.py

# Time mypy with and without the plugin on synthetic projects, then the matrix of edits
# (warm mypy and `dmypy run` after each kind of edit, at N = 800; tens of minutes). To check
# that the script works: .venv/bin/python benchmarks/bench_plugin.py --quick
bench-plugin: venv
	$(PY) benchmarks/bench_plugin.py

# Time pyright with and without `typed-registry stubs`' stubs, completion through pyright's
# language server, and the command itself, on a synthetic project of 800 modules (minutes).
bench-stubs: venv
	$(PY) benchmarks/bench_stubs.py

# mypy with and without the plugin over the configs of published OpenMMLab projects (mmdet,
# mmseg), downloaded from PyPI and laid out under .realworld/ (minutes; needs PyPI).
realworld: venv
	$(PY) benchmarks/realworld.py

# Build the HTML documentation into docs/_build/html.
docs: venv
	$(SPHINX) $(SPHINX_HTML)

# Format the code and apply ruff's safe fixes.
fmt: venv
	$(RUFF) format .
	$(RUFF) check --fix .

# Remove the venv, caches and build output.
clean:
	rm -rf $(VENV) $(LOWEST_VENV) .venv-demo .realworld .nox .mypy_cache .dmypy.json .pytest_cache .ruff_cache .hypothesis \
	    .coverage .coverage.* htmlcov docs/_build dist build
	find . -path ./.git -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -prune \
	    -exec rm -rf {} +
