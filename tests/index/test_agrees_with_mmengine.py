"""The index resolves keys as MMEngine's ``Registry.get`` does, on generated trees.

Each example writes up to three packages ``pa``, ``pb``, ``pc``, each with a ``registry.py``
creating ``MODELS = Registry("model", ...)`` of MMEngine: ``pa``'s is a root or a child of
MMEngine's own ``MODELS``; ``pb``'s a child of ``pa``'s; ``pc``'s a child of ``pa``'s or
``pb``'s. Each scope is given (``sa``...) or inferred from the package, each registry may list
its package's ``models`` module as a location. The modules ``models`` and ``extra`` of each
package register classes under names of a small pool into any of the registries (each name at
most once per registry: MMEngine raises on a repeat). ``main.py`` imports every registry
module and some ``extra`` modules.

A fresh interpreter imports ``main`` with MMEngine (``mmengine-lite``, no torch), makes every
registry import its locations (``import_from_location``), then asks every registry for every
key: each name plain and scoped with every scope of the tree, ``mmengine`` and a scope that
exists nowhere. The index reads the same files, with MMEngine's source from ``site-packages``,
and resolves the same keys from the plugin's view of ``main`` (``Visibility.view``).

They must agree, but where ``docs/migration.md`` ("Looking up") documents that this
project's rule finds more, where MMEngine answers None:

- ``"own.Name"`` from the registry whose scope is ``own``: MMEngine reads that registry's own
  entries only, never its ancestors';
- ``"scope.Name"`` where the registry of ``scope`` is neither a child of the registry asked,
  nor the root, nor a child of the root (a grandchild, a sibling's child): MMEngine does not
  find it; here a scope names a registry anywhere in the tree.

Every registry imports its locations before the lookups: MMEngine does not import an
ancestor's locations when a lookup walks up to it (the last row of that table), which the
index over-approximates too; the property leaves that difference out rather than allow more.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import mmengine
from hypothesis import event, given, settings
from hypothesis import strategies as st

from typed_registry._index import ProjectIndex
from typed_registry._index._files import SourceCache
from typed_registry.mypy._visibility import Visibility

from .conftest import write_tree

SITE = Path(mmengine.__file__).resolve().parents[1]
PACKAGES = ("pa", "pb", "pc")
NAMES = ("Conv", "Norm", "Head")
MODULES = ("models", "extra")
#: What the reader found in each file, by content, shared by the examples: each reads the
#: same hundred modules of MMEngine (its package's imports).
_READ = SourceCache()


@dataclass(frozen=True)
class Reg:
    """One package's registry."""

    package: str
    #: The parent: a package, ``"mmengine"`` (MMEngine's MODELS) or None (a root).
    parent: str | None
    given_scope: str | None
    located: bool

    @property
    def scope(self) -> str:
        return self.given_scope or self.package


@dataclass(frozen=True)
class Registering:
    """``module`` of ``package`` registers a class of its own as ``name`` into ``registry``."""

    package: str
    module: str
    registry: str
    name: str

    @property
    def cls(self) -> str:
        return f"{self.name}_{self.package}_{self.module}_{self.registry}"


@dataclass(frozen=True)
class Tree:
    regs: tuple[Reg, ...]
    registrations: tuple[Registering, ...]
    main_imports: tuple[str, ...]

    def reg(self, package: str) -> Reg:
        return next(reg for reg in self.regs if reg.package == package)

    def lookup_keys(self) -> list[str]:
        scopes = [reg.scope for reg in self.regs] + ["mmengine", "nowhere"]
        return [*NAMES, *(f"{scope}.{name}" for scope in scopes for name in NAMES)]


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    count = draw(st.integers(2, 3))
    packages = PACKAGES[:count]
    regs = [
        Reg(
            "pa",
            draw(st.sampled_from([None, "mmengine"])),
            draw(st.sampled_from([None, "sa"])),
            draw(st.booleans()),
        ),
        Reg("pb", "pa", draw(st.sampled_from([None, "sb"])), draw(st.booleans())),
    ]
    if count == 3:
        regs.append(
            Reg(
                "pc",
                draw(st.sampled_from(["pa", "pb"])),
                draw(st.sampled_from([None, "sc"])),
                draw(st.booleans()),
            )
        )
    registrations: list[Registering] = []
    for registry in packages:
        for name in NAMES:
            where = draw(st.sampled_from([None, *((p, m) for p in packages for m in MODULES)]))
            if where is not None:
                registrations.append(Registering(where[0], where[1], registry, name))
    extras = draw(st.lists(st.sampled_from(packages), unique=True))
    return Tree(tuple(regs), tuple(registrations), tuple(f"{p}.extra" for p in extras))


def render(tree: Tree) -> dict[str, str]:
    files: dict[str, str] = {}
    for reg in tree.regs:
        lines = ["from mmengine.registry import Registry"]
        args = ['"model"']
        if reg.parent == "mmengine":
            lines.append("from mmengine.registry import MODELS as PARENT")
        elif reg.parent is not None:
            lines.append(f"from {reg.parent}.registry import MODELS as PARENT")
        if reg.parent is not None:
            args.append("parent=PARENT")
        if reg.given_scope is not None:
            args.append(f'scope="{reg.given_scope}"')
        if reg.located:
            args.append(f'locations=["{reg.package}.models"]')
        lines.append(f"MODELS = Registry({', '.join(args)})")
        files[f"{reg.package}/__init__.py"] = ""
        files[f"{reg.package}/registry.py"] = "\n".join(lines) + "\n"
        for module in MODULES:
            body: list[str] = []
            for item in tree.registrations:
                if (item.package, item.module) == (reg.package, module):
                    body += [
                        f"from {item.registry}.registry import MODELS as R_{item.registry}",
                        f'@R_{item.registry}.register_module(name="{item.name}")',
                        f"class {item.cls}:",
                        "    pass",
                    ]
            files[f"{reg.package}/{module}.py"] = "\n".join(body) + "\n"
    imports = [f"import {reg.package}.registry" for reg in tree.regs]
    files["main.py"] = "\n".join([*imports, *(f"import {m}" for m in tree.main_imports)]) + "\n"
    return files


# Imports main, makes every registry import its locations, then asks every registry for
# every key. Prints JSON: "package|key" -> "module.qualname" or None, and each scope.
_MMENGINE = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
importlib.import_module("main")
registries = {p: importlib.import_module(p + ".registry").MODELS for p in sys.argv[2].split(",")}
for registry in registries.values():
    registry.import_from_location()
found = {}
for package, registry in registries.items():
    for key in sys.argv[3].split(","):
        obj = registry.get(key)
        name = None if obj is None else obj.__module__ + "." + obj.__qualname__
        found[package + "|" + key] = name
scopes = {p: r.scope for p, r in registries.items()}
print(json.dumps({"found": found, "scopes": scopes}))
"""


def mmengine_answers(root: Path, tree: Tree) -> dict[str, object]:
    packages = ",".join(reg.package for reg in tree.regs)
    done = subprocess.run(
        [sys.executable, "-c", _MMENGINE, str(root), packages, ",".join(tree.lookup_keys())],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    answers: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return answers


def index_answers(root: Path, tree: Tree) -> dict[str, object]:
    index = ProjectIndex([root], [], [SITE])
    index._files = _READ
    visibility = Visibility(index)
    found: dict[str, str | None] = {}
    scopes: dict[str, str | None] = {}
    for reg in tree.regs:
        view = visibility.view("main", f"{reg.package}.registry.MODELS")
        assert view is not None, reg
        scopes[reg.package] = view.start.spec.scope
        for key in tree.lookup_keys():
            registration = view.tree.resolve(view.start, key)
            found[f"{reg.package}|{key}"] = None if registration is None else registration.target
    return {"found": found, "scopes": scopes}


def documented_difference(tree: Tree, package: str, key: str) -> bool:
    """Whether the migration guide says this project finds ``key`` where MMEngine does not."""
    scope, _, _ = key.rpartition(".")
    if not scope:
        return False
    asked = tree.reg(package)
    if scope == asked.scope:
        return True  # "own.Name": MMEngine reads the registry's own entries only
    named = next((reg for reg in tree.regs if reg.scope == scope), None)
    if named is None:
        return False  # MMEngine's root (or no registry): the same rule
    root = next(reg for reg in tree.regs if reg.parent in {None, "mmengine"})
    children_of_root = (
        {r.package for r in tree.regs if r.parent == root.package}
        if root.parent is None
        else {root.package}  # pa is itself a child of MMEngine's MODELS, the root
    )
    reachable = (
        named.parent == package
        or (root.parent is None and named.package == root.package)
        or named.package in children_of_root
    )
    return not reachable


@settings(max_examples=int(os.environ.get("TR_EXAMPLES", "12")), deadline=None)
@given(tree=trees())
def test_the_index_resolves_every_key_as_mmengine_does(tree: Tree) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = write_tree(Path(directory), render(tree))
        expected = mmengine_answers(root, tree)
        actual = index_answers(root, tree)
    assert actual["scopes"] == expected["scopes"]
    found = actual["found"]
    assert isinstance(found, dict)
    wanted = expected["found"]
    assert isinstance(wanted, dict)
    for slot, target in wanted.items():
        package, _, key = slot.partition("|")
        if target is None and found[slot] is not None:
            assert documented_difference(tree, package, key), (slot, found[slot])
            event("a key only this project's rule resolves (documented)")
        else:
            assert found[slot] == target, slot
            if target is not None and "." in key:
                event("a scoped key both resolve")


def test_a_registrys_own_scope_reads_its_ancestors_here_and_not_in_mmengine(
    tmp_path: Path,
) -> None:
    tree = Tree(
        (Reg("pa", None, None, located=False), Reg("pb", "pa", None, located=False)),
        (Registering("pa", "extra", "pa", "Conv"),),
        ("pa.extra",),
    )
    root = write_tree(tmp_path, render(tree))
    assert mmengine_answers(root, tree)["found"]["pb|pb.Conv"] is None  # type: ignore[index]
    found = index_answers(root, tree)["found"]
    assert found["pb|pb.Conv"] == "pa.extra.Conv_pa_extra_pa"  # type: ignore[index]
    assert documented_difference(tree, "pb", "pb.Conv")
