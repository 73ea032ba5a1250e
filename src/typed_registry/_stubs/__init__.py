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
    from collections.abc import Callable, Iterable, Sequence
    from types import ModuleType

    from typed_registry._registry import Registry

__all__ = ["PER_ENTRY_LIMIT", "StubgenMissingError", "generate_stubs"]


def generate_stubs(
    registries: Iterable[Registry[Any]],
    root: Path,
    *,
    read: Callable[[object], Registry[Any] | None],
    base_of: Callable[[Registry[Any]], type | None] | None = None,
) -> dict[Path, str]:
    """The stubs of the modules under ``root`` that define the registries' trees.

    ``read`` tells which value of a module is a registry of the trees, and which
    :class:`Registry` it is read as (a :class:`Registry` as itself). ``base_of`` gives the
    class a registry's stub type derives from instead of ``Registry`` (that of a registry
    of another library that ``read`` mirrors: MMEngine's).

    Returns:
        Each stub's text by its path relative to the stub folder (``pkg/registry.pyi``).

    Raises:
        StubgenMissingError: mypy is not installed.
        LocationImportError: A registry's ``locations`` fail to import.
    """
    found = registry_modules(registries, root.resolve(), read)
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
        stubs[target] = module_stub(
            output, found[name], source, name, package=package, base_of=base_of
        )
    return stubs


def _exported(module: ModuleType) -> list[str] | None:
    """The module's ``__all__`` at run time, which decides what stubgen re-exports."""
    names: object = getattr(module, "__all__", None)
    if isinstance(names, list | tuple):
        return [str(name) for name in cast("Sequence[object]", names)]
    return None
