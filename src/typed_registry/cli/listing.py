"""``typed-registry list [REGISTRY]``: the registries the settings name, and their entries.

The settings' registries are imported, then the modules of ``[tool.typed_registry]
locations`` (which create the child registries of downstream packages and register into
them); every registry of those trees is listed with its scope, its parent and, for each
entry, where it is defined (file and line, from :mod:`inspect`).
"""

from __future__ import annotations

import inspect
import json
import os
from typing import TYPE_CHECKING, Any

from typed_registry import _names, _table
from typed_registry.cli._errors import UsageError
from typed_registry.cli._project import (
    add_project_arguments,
    load_registries,
    tree_members,
    variable_names,
)

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from typed_registry._registry import Registry

NAME = "list"
HELP = "list the registries, their entries, and where each entry is defined"
DESCRIPTION = (
    "List the registries named in the settings and every registry of their trees: scope, "
    "parent, and each entry with where it is defined."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``list``'s arguments to ``parser``."""
    parser.add_argument(
        "registry",
        nargs="?",
        metavar="REGISTRY",
        help="only this registry and the registries under it: its variable "
        "(pkg.registry.MODELS or MODELS), its scope and name (detkit::models), or its name",
    )
    parser.add_argument("--tree", action="store_true", help="show the hierarchy only")
    add_project_arguments(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def run(args: argparse.Namespace) -> int:
    """Print the registries; return the exit status."""
    project = load_registries(args.settings, args.registries, NAME)
    names = variable_names(project)
    registries = _selected(tree_members(project.known), names, args.registry)
    if args.format == "json":
        print(json.dumps([_as_json(r, names) for r in registries], indent=2))
    elif args.tree:
        print("\n".join(_tree_lines(registries, names)))
    else:
        print("\n\n".join(_table_of(r, names) for r in registries))
    return 0


def _selected(
    registries: list[Registry[Any]], names: dict[int, str], wanted: str | None
) -> list[Registry[Any]]:
    if wanted is None:
        return registries
    matches = [r for r in registries if wanted in _labels(r, names)]
    if not matches:
        known = ", ".join(sorted({names[id(r)] for r in registries if id(r) in names}))
        msg = f"no registry {wanted!r} (registries: {known})"
        raise UsageError(msg)
    chosen: dict[int, Registry[Any]] = {}
    for registry in matches:
        stack = [registry]
        while stack:
            node = stack.pop(0)
            chosen.setdefault(id(node), node)
            stack.extend(node.children.values())
    return [r for r in registries if id(r) in chosen]


def _labels(registry: Registry[Any], names: dict[int, str]) -> set[str]:
    labels = {registry.name, f"{registry.scope}::{registry.name}"}
    variable = names.get(id(registry))
    if variable is not None:
        labels.update({variable, variable.rpartition(".")[2]})
    return labels


def _title(registry: Registry[Any], names: dict[int, str]) -> str:
    parent = "none" if registry.parent is None else repr(registry.parent.scope)
    variable = names.get(id(registry))
    shown = f"{variable}: " if variable else ""
    return f"{shown}registry {registry.name!r} (scope {registry.scope!r}, parent {parent})"


def _table_of(registry: Registry[Any], names: dict[int, str]) -> str:
    rows = [
        (name, _names.kind_of(obj), _names.describe(obj), _defined_at(obj))
        for name, obj in registry.module_dict.items()
    ]
    return _table.render(_title(registry, names), ("name", "kind", "object", "defined at"), rows)


def _tree_lines(registries: list[Registry[Any]], names: dict[int, str]) -> list[str]:
    shown = {id(r) for r in registries}
    lines: list[str] = []

    def walk(node: Registry[Any], prefix: str, *, last: bool, depth: int) -> None:
        count = len(node.module_dict)
        label = f"{_title(node, names)}: {count} {'entry' if count == 1 else 'entries'}"
        lines.append(label if depth == 0 else f"{prefix}{'└── ' if last else '├── '}{label}")
        children = [c for c in node.children.values() if id(c) in shown]
        inner = prefix if depth == 0 else prefix + ("    " if last else "│   ")
        for index, child in enumerate(children):
            walk(child, inner, last=index == len(children) - 1, depth=depth + 1)

    for registry in registries:
        if registry.parent is None or id(registry.parent) not in shown:
            walk(registry, "", last=True, depth=0)
    return lines


def _as_json(registry: Registry[Any], names: dict[int, str]) -> dict[str, object]:
    entries: list[dict[str, object]] = []
    for name, obj in registry.module_dict.items():
        file, line = _source(obj)
        entries.append(
            {
                "name": name,
                "kind": _names.kind_of(obj),
                "object": _names.describe(obj),
                "file": file,
                "line": line,
            }
        )
    return {
        "variable": names.get(id(registry)),
        "name": registry.name,
        "scope": registry.scope,
        "parent": None if registry.parent is None else registry.parent.scope,
        "children": list(registry.children),
        "entries": entries,
    }


def _source(obj: Callable[..., object]) -> tuple[str | None, int | None]:
    target = inspect.unwrap(obj)
    try:
        _, line = inspect.getsourcelines(target)
        file = inspect.getfile(target)
    except (TypeError, OSError):  # builtins, partials, code without source
        return None, None
    if file.startswith("<") and file.endswith(">"):
        # Code compiled from a string (``eval``, ``exec``): no file to point to, even when
        # something put text for ``<string>`` in linecache (inspect then finds "source").
        return None, None
    relative = os.path.relpath(file)
    return (file if relative.startswith("..") else relative), line


def _defined_at(obj: Callable[..., object]) -> str:
    file, line = _source(obj)
    return "?" if file is None else f"{file}:{line}"
