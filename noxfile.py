"""The pytest suite on every supported Python: ``nox`` runs tests-3.11, tests-3.12, tests-3.13.

``make test`` runs the suite on 3.11 in ``.venv``, with coverage (100% required), then
``tests-3.12`` and ``tests-3.13`` from here, without coverage: the suite is the same, the
interpreter is what changes. Each session installs the package (editable) and the ``test``
dependency group of ``pyproject.toml`` into a virtualenv under ``.nox/``, kept between runs.

Each session's interpreter is ``pythonX.Y`` from PATH when it runs, else the newest pyenv
build of X.Y: pyenv's shim for a version that ``pyenv global`` does not select refuses to run,
and nox would report the interpreter missing. ``PYTHON312=/path/to/python3.12`` (and so on)
names one explicitly. A version found nowhere fails its session (never skips it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import nox

#: The versions that pyproject.toml's classifiers name.
PYTHONS = ("3.11", "3.12", "3.13")

PYPROJECT = nox.project.load_toml("pyproject.toml")

_PRINT_VERSION = "import sys; print('%d.%d' % sys.version_info[:2])"

nox.options.error_on_missing_interpreters = True  # skipped sessions would pass unnoticed
nox.options.download_python = "never"  # its download sources are not reachable from CI
nox.options.reuse_venv = "yes"


def _runs(executable: str) -> bool:
    done = subprocess.run([executable, "-c", ""], capture_output=True, check=False)
    return done.returncode == 0


def _release(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in path.parents[1].name.split("."))


def interpreter(version: str) -> str:
    """The interpreter for ``version`` ("3.12"), or a message that nox shows as not found."""
    variable = f"PYTHON{version.replace('.', '')}"
    if explicit := os.environ.get(variable):
        return explicit
    on_path = shutil.which(f"python{version}")
    if on_path is not None and _runs(on_path):
        return on_path
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    builds = [
        path
        for path in pyenv.glob(f"{version}.*/bin/python{version}")
        if re.fullmatch(r"\d+\.\d+\.\d+", path.parents[1].name) and _runs(str(path))
    ]
    if builds:
        return str(max(builds, key=_release))
    # nox prints this as "Python interpreter <it> not found": say where we looked and what to do.
    return f"python{version} (neither on PATH nor under {pyenv}; set {variable})"


def tests(session: nox.Session) -> None:
    """The pytest suite: tests/, the examples of README.md and docs/, the docstrings."""
    version = session.name.rpartition("-")[2]
    actual = str(session.run("python", "-c", _PRINT_VERSION, silent=True)).strip()
    if actual != version:  # PYTHON312 (say) may name another version
        session.error(f"{session.python} is Python {actual}, not {version}")
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "test"))
    # On every core, a file's tests on one worker (as `make test` runs the suite).
    session.run(
        "pytest", "-p", "no:cacheprovider", "-n", "auto", "--dist", "loadfile", *session.posargs
    )


# One session per version, named tests-X.Y whatever path the interpreter has.
for _version in PYTHONS:
    nox.session(name=f"tests-{_version}", python=interpreter(_version))(tests)
