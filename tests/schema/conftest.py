"""The example project's schema, made by the console script, and its registries, imported
in this process for the property tests (and forgotten afterwards)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from tests.cli.conftest import project, run

__all__ = ["EXAMPLE", "SCRIPT", "example", "example_schema", "project", "run", "validator"]

EXAMPLE = Path(__file__).parents[2] / "examples" / "detector"
SCRIPT = Path(sys.executable).with_name("typed-registry")


def make_schema(cwd: Path, *argv: str) -> dict[str, Any]:
    done = subprocess.run(
        [str(SCRIPT), "schema", *argv], cwd=cwd, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="session")
def example_schema() -> dict[str, Any]:
    return make_schema(EXAMPLE)


@pytest.fixture(scope="module")
def example():
    """The example's packages imported here, with every location that registers."""
    before = set(sys.modules)
    sys.path.insert(0, str(EXAMPLE))
    try:
        from typed_registry.cli._project import load_project  # noqa: PLC0415

        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(EXAMPLE)
            loaded = load_project(None, None)
        for location in loaded.locations:
            importlib.import_module(location)
        yield loaded
    finally:
        sys.path.remove(str(EXAMPLE))
        for name in set(sys.modules) - before:
            file = getattr(sys.modules[name], "__file__", None) or ""
            if Path(file).is_relative_to(EXAMPLE):
                del sys.modules[name]
