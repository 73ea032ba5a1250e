"""Where a module's source is (``module_file``, ``root_of``) and the content-keyed cache."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from typed_registry._index import _files
from typed_registry._index._files import SourceCache, module_file, root_of
from typed_registry._index._reader import ModuleSource, read_module

from .conftest import write_tree

REGISTERING = """\
from pkg.registry import MODELS

@MODELS.register_module()
class A:
    pass
"""

# -- module_file ---------------------------------------------------------------------------------


def test_a_module_is_found_as_a_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pkg/__init__.py": "", "pkg/mod.py": ""})
    assert module_file([tmp_path], "pkg.mod") == (tmp_path / "pkg" / "mod.py", False)


def test_a_package_is_found_as_its_init(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pkg/__init__.py": "", "pkg/mod.py": ""})
    assert module_file([tmp_path], "pkg") == (tmp_path / "pkg" / "__init__.py", True)


def test_a_package_wins_over_a_module_of_the_same_name(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pkg/__init__.py": "", "pkg.py": ""})
    assert module_file([tmp_path], "pkg") == (tmp_path / "pkg" / "__init__.py", True)


def test_a_directory_without_init_is_a_namespace_package_with_no_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"ns/sub/mod.py": ""})
    assert module_file([tmp_path], "ns") == (None, True)
    assert module_file([tmp_path], "ns.sub") == (None, True)
    assert module_file([tmp_path], "ns.sub.mod") == (tmp_path / "ns" / "sub" / "mod.py", False)


def test_a_module_no_root_has_is_not_found(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pkg/__init__.py": ""})
    assert module_file([tmp_path], "pkg.missing") is None
    assert module_file([tmp_path], "other") is None
    assert module_file([], "pkg") is None


def test_roots_are_searched_in_order(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write_tree(second, {"mod.py": "", "only.py": ""})
    write_tree(first, {"mod.py": ""})
    assert module_file([first, second], "mod") == (first / "mod.py", False)
    assert module_file([first, second], "only") == (second / "only.py", False)


# -- root_of -------------------------------------------------------------------------------------


def test_the_root_of_a_module_is_the_directory_its_name_starts_from(tmp_path: Path) -> None:
    path = tmp_path / "pkg" / "sub" / "mod.py"
    assert root_of(str(path), "pkg.sub.mod") == tmp_path.resolve()


def test_the_root_of_a_package_counts_its_init(tmp_path: Path) -> None:
    path = tmp_path / "pkg" / "sub" / "__init__.py"
    assert root_of(str(path), "pkg.sub") == tmp_path.resolve()


def test_a_path_shorter_than_the_module_name_has_no_root() -> None:
    assert root_of("/mod.py", "pkg.mod") is None
    assert root_of("/__init__.py", "pkg") is None


# -- SourceCache -------------------------------------------------------------------------------


def test_a_source_is_read_as_its_module(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"pkg/mod.py": REGISTERING}) / "pkg" / "mod.py"
    read = SourceCache().read(path, "pkg.mod", is_package=False)
    assert read == read_module(REGISTERING, "pkg.mod", is_package=False)


def test_a_file_that_cannot_be_read_reads_as_an_empty_module(tmp_path: Path) -> None:
    cache = SourceCache()
    read = cache.read(tmp_path / "gone.py", "gone", is_package=True)
    assert read == ModuleSource("gone", is_package=True)
    assert cache.contents == {}


def test_a_file_that_is_not_utf8_is_read_with_replacements(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_bytes(b"# \xff\nclass A:\n    pass\n")
    assert SourceCache().read(path, "mod", is_package=False).bindings == {"A": ["def"]}


def test_the_cache_reads_each_content_once_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_tree(tmp_path, {"mod.py": REGISTERING}) / "mod.py"
    cache = SourceCache()
    first = cache.read(path, "mod", is_package=False)
    monkeypatch.setattr(_files, "read_module", _never_parse)
    assert cache.read(path, "mod", is_package=False) is first
    assert list(tmp_path.iterdir()) == [path]  # nothing written


def test_the_same_content_is_read_again_under_another_module_name(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"mod.py": "from . import x\n"}) / "mod.py"
    cache = SourceCache()
    assert cache.read(path, "a.mod", is_package=False).bindings == {"x": ["from", "a", "x"]}
    assert cache.read(path, "b.mod", is_package=False).bindings == {"x": ["from", "b", "x"]}
    # A package's relative imports start one level lower.
    assert cache.read(path, "b.mod", is_package=True).bindings == {"x": ["from", "b.mod", "x"]}


def test_a_changed_content_is_read_again(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"mod.py": "A = 1\n"}) / "mod.py"
    cache = SourceCache()
    assert cache.read(path, "mod", is_package=False).bindings == {"A": ["def"]}
    first = cache.contents["mod"]
    path.write_text("B = 1\n")
    assert cache.read(path, "mod", is_package=False).bindings == {"B": ["def"]}
    assert cache.contents["mod"] != first


def test_a_seeded_content_is_not_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_tree(tmp_path, {"mod.py": REGISTERING}) / "mod.py"
    first = SourceCache()
    read = first.read(path, "mod", is_package=False)
    seeded = SourceCache()
    seeded.seed("mod", first.contents["mod"], read)
    monkeypatch.setattr(_files, "read_module", _never_parse)
    assert seeded.read(path, "mod", is_package=False) is read


def _never_parse(source: str, module: str, *, is_package: bool) -> ModuleSource:
    del source, is_package
    pytest.fail(f"{module} was parsed again")


# -- find_module -----------------------------------------------------------------------------------

#: What a generated directory may hold: packages, modules, a namespace package, a plain file
#: and an empty directory where a module's name is looked up.
_ENTRIES = (
    "a/__init__.py",
    "a.py",
    "a/b.py",
    "a/b/__init__.py",
    "a/b/c.py",
    "a/c/x.py",
    "b.py",
    "c",
    "d/",
)
_MODULES = ("a", "a.b", "a.c", "a.b.c", "a.c.x", "b", "c", "d", "zz", "a.zz.y")


def noted_directories(roots: list[str], module: str, installed: list[str]) -> dict[str, int | None]:
    """What ``find_module`` notes, asked of each directory on its own: in each root, the
    directory that holds the module's last name, and the one of that name if it exists."""
    parts = module.split(".")
    noted: dict[str, int | None] = {}
    searched = roots if module_file(roots, module) is not None else [*roots, *installed]
    for root in searched:
        holder = os.path.join(root, *parts[:-1])
        noted.setdefault(holder, _files.directory_stamp(holder))
        stamp = _files.directory_stamp(os.path.join(root, *parts))
        if stamp is not None:
            noted.setdefault(os.path.join(root, *parts), stamp)
    return noted


@given(
    trees=st.lists(st.sets(st.sampled_from(_ENTRIES)), min_size=4, max_size=4),
    module=st.sampled_from(_MODULES),
    taking_part=st.sets(st.sampled_from(["a", "b", "c", "d"])),
)
def test_find_module_finds_as_module_file_and_notes_each_directory_it_depends_on(
    trees: list[set[str]], module: str, taking_part: set[str]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        top = Path(directory)
        for number, entries in enumerate(trees):
            for entry in entries:
                path = top / str(number) / entry
                if entry.endswith("/"):
                    path.mkdir(parents=True, exist_ok=True)
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text("")
        roots = [str(top / "0"), str(top / "1")]
        installed = [str(top / "2"), str(top / "3")]
        # Only the first installed directory has distributions that take part.
        parts = {installed[0]: frozenset(taking_part)}
        with mock.patch.object(_files, "participating", lambda d: parts.get(d, frozenset())):
            expected = (
                module_file(roots, module, installed),
                noted_directories(roots, module, installed),
            )
            assert _files.find_module(roots, module, installed) == expected
