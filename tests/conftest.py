from __future__ import annotations

import importlib
import sys
import textwrap
import types
from typing import TYPE_CHECKING, Protocol

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


# Tests never fail on timing (speeds are measured by benchmarks/): no deadline per example,
# which a loaded machine (the suite runs on every core) made a test fail now and then.
settings.register_profile("typed-registry", deadline=None)
settings.load_profile("typed-registry")


class ModuleWriter(Protocol):
    def __call__(self, name: str, source: str) -> Path: ...


@pytest.fixture
def write_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleWriter]:
    """Write real modules (dotted names make packages) to a directory on sys.path.

    Every module imported from that directory is removed from sys.modules afterwards.
    """
    root = tmp_path / "modules"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    written: list[str] = []

    def write(name: str, source: str) -> Path:
        *packages, module = name.split(".")
        directory = root
        for package in packages:
            directory = directory / package
            directory.mkdir(exist_ok=True)
            init = directory / "__init__.py"
            if not init.exists():
                init.write_text("")
        path = directory / f"{module}.py"
        path.write_text(textwrap.dedent(source))
        importlib.invalidate_caches()
        written.append(name)
        return path

    yield write
    for module_name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if module_name in written or (isinstance(file, str) and file.startswith(str(root))):
            del sys.modules[module_name]


@pytest.fixture
def holder(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """A module ``tr_holder`` through which generated modules reach a test's registry.

    Generated location modules ``import tr_holder`` and use ``tr_holder.REG``; ``count``
    and ``fail`` let them count their imports and fail on demand.
    """
    module = types.ModuleType("tr_holder")
    module.REG = None  # type: ignore[attr-defined]
    module.count = 0  # type: ignore[attr-defined]
    module.fail = 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tr_holder", module)
    return module
