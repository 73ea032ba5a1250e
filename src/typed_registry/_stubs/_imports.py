"""The names a module imports for itself, which stubgen leaves out of its stub.

stubgen keeps an import only when the stub needs it or re-exports it (``import X as X``,
``__all__``). But pyright lets code import any name a source module binds
(``from detkit.registry import ENGINE_MODELS``, where ``detkit/registry.py`` imported
``MODELS as ENGINE_MODELS``), and once a stub exists it reads the stub instead: such an
import would become an error. So each name a top-level import of the source binds, and the
stub does not, is bound again in the stub: imported under a private alias, then assigned
(``ENGINE_MODELS = _tr_r_ENGINE_MODELS``), which a stub re-exports. (``import pkg as m`` then
``m.MODELS`` does not do: in a stub, pyright reads ``pkg`` as the stub folder's namespace
package when the folder holds stubs of its submodules.) Not covered: ``import a.b`` without
``as`` (it binds ``a``), and ``*`` imports.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


def reexports(source: str, module: str, *, package: bool, stub: str) -> list[str]:
    """The lines that bind in the stub what the source imports and the stub lacks.

    Args:
        source: The module's source.
        module: Its full name.
        package: Whether it is a package's ``__init__``.
        stub: The stub's text so far.
    """
    bound = set(_bound(ast.parse(stub).body))
    lines: list[str] = []
    for name, origin, attribute in _imported(ast.parse(source).body, module, package=package):
        if name in bound:
            continue
        bound.add(name)
        alias = f"_tr_r_{name}"
        lines += [
            f"import {origin} as {alias}"
            if attribute is None
            else f"from {origin} import {attribute} as {alias}",
            f"{name} = {alias}",
        ]
    return lines


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Top-level statements, and those of top-level ``if`` and ``try`` blocks."""
    for statement in body:
        yield statement
        if isinstance(statement, ast.If):
            yield from _statements(statement.body + statement.orelse)
        elif isinstance(statement, ast.Try):
            yield from _statements(statement.body)


def _bound(body: list[ast.stmt]) -> Iterator[str]:
    for statement in _statements(body):
        if isinstance(statement, ast.Import | ast.ImportFrom):
            yield from ((a.asname or a.name).split(".")[0] for a in statement.names)
        elif isinstance(statement, ast.FunctionDef | ast.ClassDef):
            yield statement.name
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            yield statement.target.id
        elif isinstance(statement, ast.Assign):
            yield from (t.id for t in statement.targets if isinstance(t, ast.Name))


def _imported(
    body: list[ast.stmt], module: str, *, package: bool
) -> Iterator[tuple[str, str, str | None]]:
    """``(name bound, module, attribute or None)`` for each name the imports bind."""
    for statement in _statements(body):
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname is not None:
                    yield alias.asname, alias.name, None
        elif isinstance(statement, ast.ImportFrom) and statement.module != "__future__":
            origin = _absolute(statement, module, package=package)
            for alias in statement.names:
                if alias.name != "*":
                    yield alias.asname or alias.name, origin, alias.name


def _absolute(statement: ast.ImportFrom, module: str, *, package: bool) -> str:
    if not statement.level:
        return statement.module or ""
    parts = module.split(".")
    base = parts if package else parts[:-1]
    base = base[: len(base) - (statement.level - 1)]
    return ".".join([*base, *([statement.module] if statement.module else [])])
