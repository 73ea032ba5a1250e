"""Stubs for pyright and Pylance: ``typed-registry stubs``.

For each module of the project that defines a registry, a ``.pyi`` file that keeps the
module's whole API (mypy's stubgen writes it) and types each registry as a ``Registry[T]``
subclass whose ``build`` completes a ``{...}`` config's ``type`` and keys in pyright, and
types a literal config of a small registry as the class it builds.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from typed_registry._stubs._module import module_stub, registry_modules
from typed_registry._stubs._registry_class import PER_ENTRY_LIMIT
from typed_registry._stubs._stubgen import StubgenMissingError, stubgen

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from types import ModuleType

    from typed_registry._registry import Registry

__all__ = ["PER_ENTRY_LIMIT", "StubgenMissingError", "generate_stubs"]


def generate_stubs(registries: Iterable[Registry[Any]], root: Path) -> dict[Path, str]:
    """The stubs of the modules under ``root`` that define the registries' trees.

    Returns:
        Each stub's text by its path relative to the stub folder (``pkg/registry.pyi``).

    Raises:
        StubgenMissingError: mypy is not installed.
        LocationImportError: A registry's ``locations`` fail to import.
    """
    found = registry_modules(registries, root.resolve())
    sources: list[tuple[str, str, list[str] | None]] = []
    for name in found:
        module = sys.modules[name]
        sources.append((name, str(getattr(module, "__file__", "")), _exported(module)))
    stubs: dict[Path, str] = {}
    for (name, path, _), output in zip(sources, stubgen(sources), strict=True):
        relative = Path(*name.split("."))
        package = path.endswith("__init__.py")
        target = relative / "__init__.pyi" if package else relative.with_suffix(".pyi")
        source = Path(path).read_text(encoding="utf-8")
        stubs[target] = module_stub(output, found[name], source, name, package=package)
    return stubs


def _exported(module: ModuleType) -> list[str] | None:
    """The module's ``__all__`` at run time, which decides what stubgen re-exports."""
    names: object = getattr(module, "__all__", None)
    if isinstance(names, list | tuple):
        return [str(name) for name in cast("Sequence[object]", names)]
    return None
