"""The example project's configs: the static reader gives what running them gives."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from typed_registry._configs import load_config_file, to_plain

from .test_properties import strict

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "detector"
CONFIGS = sorted(
    path.relative_to(EXAMPLE).as_posix()
    for path in (EXAMPLE / "configs").rglob("*")
    if path.suffix in {".py", ".json", ".yaml", ".yml", ".toml"}
)


def exec_loader():
    """The exec-based ``load`` of tests/examples/test_detector.py (its LOADER)."""
    spec = importlib.util.spec_from_file_location(
        "detector_example_tests", EXAMPLE.parents[1] / "tests" / "examples" / "test_detector.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    namespace: dict[str, object] = {}
    exec(module.LOADER, namespace)
    return namespace["load"]


LOAD = exec_loader()


def test_every_config_and_base_is_covered():
    assert len(CONFIGS) >= 11
    assert {Path(c).suffix for c in CONFIGS} >= {".py", ".json", ".yaml"}


@pytest.mark.parametrize("config", CONFIGS)
def test_static_values_equal_the_executed_ones(config):
    path = EXAMPLE / config
    loaded = load_config_file(path)
    assert strict(to_plain(loaded.root)) == strict(LOAD(path))
    assert loaded.is_base is ("_base_" in Path(config).parts)
