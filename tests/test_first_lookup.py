"""A lookup gives the same answer the first time and every time.

Any location can register into any registry of its tree, so the first lookup of a fresh
process must already see what every location registers. The property builds random trees
whose locations register into random registries of the tree and compares, in a fresh
interpreter, each first lookup with the same lookup after everything has been imported, and
with what the plugin's registry index (which reads the same files, importing nothing) says
the lookup finds.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from typed_registry._index import ProjectIndex
from typed_registry.mypy._visibility import Visibility

NAMES = ("A", "B", "C")
#: Independent copies of one tree in one interpreter: each gives one first lookup.
COPIES = 4


@dataclass(frozen=True)
class Tree:
    """Registry i's parent is ``parents[i - 1]``; ``locations[i]`` are its modules' indexes."""

    parents: tuple[int, ...]
    locations: tuple[tuple[int, ...], ...]
    # (module, registry, name): what each location module registers.
    registrations: tuple[tuple[int, int, str], ...]
    modules: int


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    size = draw(st.integers(1, 4))
    parents = tuple(draw(st.integers(0, i - 1)) for i in range(1, size))
    modules = draw(st.integers(1, 3))
    owners = [draw(st.integers(0, size - 1)) for _ in range(modules)]
    locations = tuple(tuple(m for m in range(modules) if owners[m] == r) for r in range(size))
    slots = st.tuples(st.integers(0, size - 1), st.sampled_from(NAMES))
    # Unique (registry, name) pairs: a second registration of a pair is a duplicate name.
    targets = draw(st.lists(slots, min_size=1, max_size=6, unique=True))
    registrations = tuple((draw(st.integers(0, modules - 1)), r, n) for r, n in targets)
    return Tree(parents, locations, registrations, modules)


def keys(size: int) -> st.SearchStrategy[str]:
    scoped = st.builds(lambda r, n: f"r{r}.{n}", st.integers(0, size - 1), st.sampled_from(NAMES))
    return st.sampled_from(NAMES) | scoped


def write_tree(root: Path, package: str, tree: Tree) -> None:
    directory = root / package
    directory.mkdir()
    (directory / "__init__.py").write_text("")
    lines = ["from typed_registry import Registry", ""]
    for index, modules in enumerate(tree.locations):
        parent = "None" if index == 0 else f"R{tree.parents[index - 1]}"
        located = [f"{package}.m{m}" for m in modules]
        lines.append(
            f'R{index} = Registry("models", scope="r{index}", parent={parent}, '
            f"locations={located!r})"
        )
    (directory / "registries.py").write_text("\n".join(lines) + "\n")
    for module in range(tree.modules):
        body = [f"from {package} import registries", ""]
        for owner, registry, name in tree.registrations:
            if owner == module:
                label = f"m{module}:r{registry}:{name}"
                body.append(
                    f"registries.R{registry}.register_module({name!r}, module=lambda: {label!r})"
                )
        (directory / f"m{module}.py").write_text("\n".join(body) + "\n")


# Run in a fresh interpreter: each copy's first lookup, then everything imported, then the
# same lookups again. Prints [[first, again], ...], each an entry's label or null.
SCRIPT = textwrap.dedent(
    """
    import importlib, json, sys

    lookups = json.loads(sys.argv[1])

    def look(package, start, key):
        registries = importlib.import_module(package + ".registries")
        found = getattr(registries, "R%d" % start).get(key)
        return None if found is None else found()

    first = [look(*lookup) for lookup in lookups]
    for package, _, _ in lookups:
        for module in json.loads(sys.argv[2]):
            importlib.import_module(package + "." + module)
    print(json.dumps([[f, look(*lookup)] for f, lookup in zip(first, lookups)]))
    """
)


def index_answers(directory: Path, lookups: list[tuple[str, int, str]]) -> list[str | None]:
    """What the index says each lookup finds: the entry's label as the runtime prints it."""
    index = ProjectIndex([directory], [f"{package}.registries" for package, _, _ in lookups])
    visibility = Visibility(index)
    answers: list[str | None] = []
    for package, start, key in lookups:
        site = visibility.view(f"{package}.registries", f"{package}.registries.R{start}")
        assert site is not None, (package, start)
        found = site.tree.resolve(site.start, key)
        if found is None:
            answers.append(None)
            continue
        module = found.module.rsplit(".", 1)[1]
        registry = found.registry.rsplit(".R", 1)[1]
        answers.append(f"{module}:r{registry}:{key.rsplit('.', 1)[-1]}")
    return answers


@settings(max_examples=12, deadline=None)
@given(data=st.data(), tree=trees())
def test_a_first_lookup_in_a_fresh_process_answers_as_after_importing_everything(
    data: st.DataObject, tree: Tree
) -> None:
    size = len(tree.locations)
    lookups = [
        (f"tr_first_c{copy}", data.draw(st.integers(0, size - 1)), data.draw(keys(size)))
        for copy in range(COPIES)
    ]
    with tempfile.TemporaryDirectory() as directory:
        for package, _, _ in lookups:
            write_tree(Path(directory), package, tree)
        modules = [f"m{m}" for m in range(tree.modules)]
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, json.dumps(lookups), json.dumps(modules)],
            capture_output=True,
            text=True,
            cwd=directory,
            check=False,
            timeout=60,
        )
        indexed = index_answers(Path(directory), lookups)
    assert result.returncode == 0, result.stderr
    answers = zip(json.loads(result.stdout), indexed, lookups, strict=True)
    for (first, again), by_index, lookup in answers:
        assert first == again == by_index, lookup


def test_the_issues_example_resolves_on_the_first_lookup_in_a_fresh_process() -> None:
    # ROOT's location pkg.models registers A into CHILD (its __init__ imports a).
    tree = Tree(parents=(0,), locations=((0,), ()), registrations=((0, 1, "A"),), modules=1)
    lookups = [
        ("tr_first_c0", 0, "r1.A"),
        ("tr_first_c1", 1, "A"),
        ("tr_first_c2", 0, "A"),
    ]
    with tempfile.TemporaryDirectory() as directory:
        for package, _, _ in lookups:
            write_tree(Path(directory), package, tree)
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, json.dumps(lookups), json.dumps(["m0"])],
            capture_output=True,
            text=True,
            cwd=directory,
            check=True,
            timeout=60,
        )
    assert json.loads(result.stdout) == [
        ["m0:r1:A", "m0:r1:A"],
        ["m0:r1:A", "m0:r1:A"],
        [None, None],
    ]
