"""Which modules become a module's dependencies: only those mypy analyses (``_dependencies``).

An installed package without types (MMEngine, MMCV) is never analysed by mypy: a dependency
on one of its modules only makes mypy look for it again, for every config file that builds
from it. PEP 561 decides, as mypy's module finder does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from mypy.options import Options
from tests.index.conftest import write_tree
from tests.index.test_installed_packages import metadata

from typed_registry._index import ProjectIndex
from typed_registry.mypy._dependencies import LoadedByMypy

if TYPE_CHECKING:
    from pathlib import Path


SITE = {
    # Each takes part in registries (it requires MMEngine), so the index reads it.
    **{
        f"{name}-1.0.dist-info/METADATA": metadata(name, "mmengine")
        for name in ("untyped", "typed", "partial", "stubbed")
    },
    **{
        f"{name}-1.0.dist-info/top_level.txt": f"{name}\n"
        for name in ("untyped", "typed", "partial", "stubbed")
    },
    "untyped/__init__.py": "",
    "untyped/models.py": "",
    "typed/__init__.py": "",
    "typed/py.typed": "",
    "typed/models.py": "",
    "partial/__init__.py": "",
    "partial/sub/__init__.py": "",
    "partial/sub/py.typed": "",
    "partial/sub/models.py": "",
    "partial/other.py": "",
    "stubbed/__init__.py": "",
    "stubbed/models.py": "",
    "stubbed-stubs/__init__.pyi": "",
}


@pytest.fixture
def index(tmp_path: Path) -> ProjectIndex:
    site = write_tree(tmp_path / "site", SITE)
    project = write_tree(tmp_path / "project", {"app/__init__.py": "", "app/models.py": ""})
    return ProjectIndex([project], [], [site])


@pytest.mark.parametrize(
    ("module", "loaded"),
    [
        ("app.models", True),  # the project's
        ("untyped.models", False),  # installed, no py.typed: mypy skips it
        ("typed.models", True),  # py.typed in its package
        ("partial.sub.models", True),  # py.typed in a package on its path
        ("partial.other", False),
        ("stubbed.models", True),  # a -stubs package beside it
        ("nowhere", True),  # not the index's to say: left to mypy
    ],
)
def test_a_module_is_a_dependency_only_if_mypy_analyses_it(
    index: ProjectIndex, module: str, *, loaded: bool
) -> None:
    assert LoadedByMypy(index, Options())(module) is loaded


def test_modules_mypy_follows_untyped_are_dependencies(index: ProjectIndex) -> None:
    options = Options()
    options.follow_untyped_imports = True
    assert LoadedByMypy(index, options)("untyped.models")


def test_what_was_decided_is_decided_again_when_files_changed(
    index: ProjectIndex, tmp_path: Path
) -> None:
    loaded = LoadedByMypy(index, Options())
    assert not loaded("untyped.models")
    (tmp_path / "site" / "untyped" / "py.typed").write_text("")
    assert not loaded("untyped.models")  # kept while the index sees no change
    index.generation += 1  # what the daemon's refresh does when files changed
    assert loaded("untyped.models")
