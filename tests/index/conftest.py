"""Fixtures of the registry index's tests: projects written to disk, indexed, and run.

- ``write_tree(root, files)`` writes ``{"pkg/models.py": source}`` under ``root`` (sources
  dedented); ``tree`` does it in the test's own directory and returns that directory.
- ``index`` writes a project and returns a :class:`ProjectIndex` over it.
- ``run_project`` imports a module of a written project in a fresh interpreter (``sys.path``
  starts with the project's directory) and returns what the runtime registries hold.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING, Any, Protocol

import pytest

from typed_registry._index import ProjectIndex

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path


def write_tree(root: Path, files: Mapping[str, str]) -> Path:
    """Write ``files`` (paths relative to ``root``, sources dedented) and return ``root``."""
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), "utf-8")
    return root


class TreeWriter(Protocol):
    def __call__(self, files: Mapping[str, str]) -> Path: ...


class IndexMaker(Protocol):
    def __call__(
        self,
        files: Mapping[str, str],
        locations: Sequence[str] = (),
    ) -> ProjectIndex: ...


class ProjectRunner(Protocol):
    def __call__(self, root: Path, entry: str, registries: Sequence[str]) -> dict[str, Any]: ...


@pytest.fixture
def tree(tmp_path: Path) -> TreeWriter:
    """Write files into the test's project directory (``tmp_path / "project"``)."""
    root = tmp_path / "project"
    root.mkdir()
    return lambda files: write_tree(root, files)


@pytest.fixture
def index(tree: TreeWriter) -> IndexMaker:
    """Write a project and index it (roots: the project's directory)."""

    def make(
        files: Mapping[str, str],
        locations: Sequence[str] = (),
    ) -> ProjectIndex:
        root = tree(files)
        return ProjectIndex([root], locations)

    return make


# Imports the entry module, then reads each registry (``module:VAR``) through the runtime
# API: ``module_dict`` of every registry first (which imports its locations, in that order),
# then their entries. Prints JSON: the entries as ``name -> module.qualname`` and the scope
# and parent's scope of every registry, or the DuplicateNameError that stopped it (also when
# a location raised it).
_RUNNER = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
from typed_registry import DuplicateNameError, LocationImportError

def main():
    try:
        importlib.import_module(sys.argv[2])
        registries = {}
        for spec in sys.argv[3:]:
            module, var = spec.split(":")
            registries[spec] = getattr(importlib.import_module(module), var)
        for registry in registries.values():
            registry.module_dict  # imports its locations, which may register anywhere
    except (DuplicateNameError, LocationImportError) as error:
        cause = error if isinstance(error, DuplicateNameError) else error.__cause__
        if not isinstance(cause, DuplicateNameError):
            raise
        return {"raised": str(cause)}
    return {
        "entries": {
            spec: {
                name: f"{obj.__module__}.{obj.__qualname__}"
                for name, obj in registry.module_dict.items()
            }
            for spec, registry in registries.items()
        },
        "scopes": {
            spec: [registry.scope, None if registry.parent is None else registry.parent.scope]
            for spec, registry in registries.items()
        },
    }

print(json.dumps(main()))
"""


@pytest.fixture(scope="session")
def run_project() -> ProjectRunner:
    """Import ``entry`` in a fresh interpreter and read ``registries`` (``"module:VAR"``).

    Returns ``{"entries": {"module:VAR": {name: "module.qualname"}}, "scopes": {"module:VAR":
    [scope, parent's scope or None]}}``, or ``{"raised": message}`` when a registration
    raised DuplicateNameError; any other failure fails the test with the interpreter's
    output.
    """

    def run(root: Path, entry: str, registries: Sequence[str]) -> dict[str, Any]:
        done = subprocess.run(
            [sys.executable, "-c", _RUNNER, str(root), entry, *registries],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        if done.returncode != 0:
            pytest.fail(f"the project failed to import:\n{done.stderr}", pytrace=False)
        result: dict[str, Any] = json.loads(done.stdout)
        return result

    return run
