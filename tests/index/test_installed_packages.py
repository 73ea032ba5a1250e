"""Installed packages: read only when their distribution takes part in registries.

A fake ``site-packages`` holds four distributions: ``engine`` (a provider of a registry
class: its distribution is ``MMEngine_Lite``), ``det`` (requires ``mmengine`` under an
extra, as mmdet 3.3.0 does), ``plugin`` (requires ``typed-registry``) and ``heavy``
(requires nothing of ours: numpy or torch). Only the first three are read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import mmengine
import pytest
from mypy.options import Options

from typed_registry._index import ProjectIndex, _installed, snapshot
from typed_registry._index._installed import canonical, participating
from typed_registry.cli._custom_imports import project_index
from typed_registry.mypy._config import installed_roots

from .conftest import write_tree

#: The test environment's site-packages (where mmengine-lite is installed).
ENVIRONMENT = Path(mmengine.__file__).resolve().parents[1]

REGISTRY = """\
from typed_registry import Registry

MODELS = Registry("model")
"""


def metadata(name: str, *requires: str) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {name}", "Version: 1.0"]
    return "\n".join([*lines, *(f"Requires-Dist: {r}" for r in requires)]) + "\n"


SITE = {
    "engine/__init__.py": "",
    "engine/registry.py": REGISTRY,
    "mmengine_lite-1.0.dist-info/METADATA": metadata("MMEngine_Lite"),
    "mmengine_lite-1.0.dist-info/top_level.txt": "engine\n",
    "det/__init__.py": "",
    "det/registry.py": REGISTRY,
    "det-1.0.dist-info/METADATA": metadata("det", "numpy", 'mmengine<1.0,>=0.7.1; extra == "mim"'),
    # No top_level.txt: the top-level names come from the files it installed.
    "det-1.0.dist-info/RECORD": "\n".join(
        ["det/__init__.py,,", "det/registry.py,,", "det-1.0.dist-info/METADATA,,", ""]
    ),
    "plugin.py": REGISTRY,
    "plugin-1.0.dist-info/METADATA": metadata("plugin", "typed_registry>=0.1"),
    "plugin-1.0.dist-info/RECORD": "\n".join(
        ["plugin.py,,", "../../bin/plugin,,", "plugin-1.0.dist-info/RECORD,,", ""]
    ),
    "heavy/__init__.py": "",
    "heavy/registry.py": REGISTRY,
    "heavy-1.0.dist-info/METADATA": metadata("heavy", "numpy>=1"),
    "heavy-1.0.dist-info/top_level.txt": "heavy\n",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site-packages", SITE)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "project", {"app.py": "import det.registry\n"})


def later(directory: Path) -> None:
    """Give ``directory`` a later modification time (a second's resolution on some disks)."""
    stamp = directory.stat().st_mtime_ns + 2_000_000_000
    os.utime(directory, ns=(stamp, stamp))


def test_a_distribution_takes_part_when_it_provides_or_requires_a_registry_class(
    site: Path,
) -> None:
    assert participating(str(site)) == {"engine", "det", "plugin"}


def test_distribution_names_compare_in_their_canonical_form() -> None:
    assert canonical("MMEngine_Lite") == "mmengine-lite"
    assert canonical("mmcv.full") == "mmcv-full"


def test_an_installed_package_that_takes_part_is_read_after_the_project(
    site: Path, project: Path
) -> None:
    index = ProjectIndex([project], [], [site])
    registry = index.module("det.registry")
    assert registry is not None
    assert [spec.var for spec in registry.facts.registries] == ["det.registry.MODELS"]
    assert index.source("plugin") is not None
    assert index.source("engine.registry") is not None


def test_an_installed_package_that_takes_no_part_is_never_read(site: Path, project: Path) -> None:
    index = ProjectIndex([project], [], [site])
    assert index.source("heavy") is None
    assert index.source("heavy.registry") is None
    assert index.registry_var("heavy.registry.MODELS") is None


def test_the_project_wins_over_an_installed_package_of_the_same_name(
    site: Path, project: Path
) -> None:
    write_tree(project, {"det/__init__.py": "", "det/registry.py": "X = 1\n"})
    index = ProjectIndex([project], [], [site])
    registry = index.module("det.registry")
    assert registry is not None
    assert registry.facts.registries == ()


def test_a_location_inside_an_installed_package_lists_its_modules(
    site: Path, project: Path
) -> None:
    index = ProjectIndex([project], ["det"], [site])
    assert index.location_modules() == ("det", "det.registry")


def test_a_package_installed_later_takes_part_once_the_directory_changed(site: Path) -> None:
    assert "late" not in participating(str(site))
    write_tree(
        site,
        {
            "late/__init__.py": "",
            "late-1.0.dist-info/METADATA": metadata("late", "mmcv-lite"),
            "late-1.0.dist-info/top_level.txt": "late\n",
        },
    )
    later(site)
    assert "late" in participating(str(site))


def test_a_snapshot_no_longer_holds_once_a_package_that_takes_part_is_installed(
    tmp_path: Path, site: Path, project: Path
) -> None:
    path = tmp_path / "snapshot.json"
    index = ProjectIndex([project], [], [site])
    index.run("app")
    assert index.source("late") is None
    snapshot.save(index, path)
    assert snapshot.restore(ProjectIndex([project], [], [site]), path)
    write_tree(
        site,
        {
            "late/__init__.py": "",
            "late-1.0.dist-info/METADATA": metadata("late", "mmengine"),
            "late-1.0.dist-info/top_level.txt": "late\n",
        },
    )
    later(site)
    assert not snapshot.restore(ProjectIndex([project], [], [site]), path)


def test_a_restored_snapshot_says_which_packages_take_part_without_reading_metadata(
    tmp_path: Path, site: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "snapshot.json"
    index = ProjectIndex([project], [], [site])
    index.run("app")
    snapshot.save(index, path)
    decided = participating(str(site))
    monkeypatch.setattr(_installed, "_READ", {})  # as in a new process
    monkeypatch.setattr(_installed, "_participating", _no_metadata)
    assert snapshot.restore(ProjectIndex([project], [], [site]), path)
    assert participating(str(site)) == decided
    # Once the directory changed, the metadata decides again.
    monkeypatch.undo()
    monkeypatch.setattr(_installed, "_READ", {})
    late = {
        "late/__init__.py": "",
        "late-1.0.dist-info/METADATA": metadata("late", "mmcv"),
        "late-1.0.dist-info/top_level.txt": "late\n",
    }
    write_tree(site, late)
    later(site)
    snapshot.restore(ProjectIndex([project], [], [site]), path)
    assert participating(str(site)) == {*decided, "late"}


def _no_metadata(directory: str) -> NoReturn:
    raise AssertionError(f"the metadata of {directory} was read")


@pytest.mark.parametrize(
    "saved",
    [None, [], {"/d": "x"}, {"/d": ["1", ["a"]]}, {"/d": [1, "a"]}, {"/d": [1, [2]]}, {3: [1, []]}],
)
def test_what_a_snapshot_says_of_installed_directories_is_taken_only_in_its_form(
    saved: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_installed, "_READ", {})
    _installed.seed(saved)
    assert _installed.known() == {}
    _installed.seed({"/d": [None, ["b", "a"]], "/e": [7]})
    assert _installed.known() == {"/d": [None, ["a", "b"]]}


def test_a_snapshot_of_other_installed_directories_does_not_hold(
    tmp_path: Path, site: Path, project: Path
) -> None:
    path = tmp_path / "snapshot.json"
    index = ProjectIndex([project], [], [site])
    index.run("app")
    snapshot.save(index, path)
    assert not snapshot.restore(ProjectIndex([project], []), path)


def test_a_directory_that_does_not_exist_holds_no_package(tmp_path: Path) -> None:
    assert participating(str(tmp_path / "missing")) == frozenset()


# -- where the tools find the installed packages --------------------------------------------------


def test_the_plugin_reads_the_site_packages_of_the_python_mypy_checks_for() -> None:
    options = Options()
    options.python_executable = sys.executable
    assert str(ENVIRONMENT) in installed_roots(options)
    options.python_executable = None  # --no-site-packages
    assert installed_roots(options) == []


def test_the_plugin_reads_no_installed_package_of_an_interpreter_that_does_not_run(
    tmp_path: Path,
) -> None:
    options = Options()
    options.python_executable = str(tmp_path / "no-python")
    assert installed_roots(options) == []


def test_check_reads_the_installed_packages_of_its_own_python_after_the_project(
    tmp_path: Path,
) -> None:
    index = project_index(tmp_path, [])
    assert ENVIRONMENT in index.installed
    assert ENVIRONMENT not in index.roots
    assert index.registry_var("mmengine.registry.MODELS") == "mmengine.registry.root.MODELS"


def test_a_long_lived_index_forgets_what_it_read_once_a_package_it_missed_is_installed(
    site: Path, project: Path
) -> None:
    write_tree(project, {"app.py": "import late.registry\n"})
    index = ProjectIndex([project], [], [site])
    assert index.run("app").specs == []
    write_tree(
        site,
        {
            "late/__init__.py": "",
            "late/registry.py": REGISTRY,
            "late-1.0.dist-info/METADATA": metadata("late", "mmengine-lite"),
            "late-1.0.dist-info/top_level.txt": "late\n",
        },
    )
    later(site)
    index.refresh()
    assert [spec.var for spec in index.run("app").specs] == ["late.registry.MODELS"]


def test_an_installed_module_is_read_for_its_registrations_only(site: Path, project: Path) -> None:
    # Never checked itself: the config names it spells and its default_scope blocks are not
    # looked for (the walk over every node is most of the reading), its registrations are.
    builds = """\
        from typed_registry import Registry, default_scope

        MODELS = Registry("model")

        def build():
            with default_scope("det"):
                return MODELS.build(dict(type="Net"))
        """
    registers = """\
        from det.builder import MODELS

        def register_later(cls):
            MODELS.register_module(module=cls)
        """
    write_tree(site, {"det/builder.py": builds, "det/later.py": registers})
    write_tree(project, {"mine/__init__.py": "", "mine/builder.py": builds})
    index = ProjectIndex([project], [], [site])
    installed, own = index.source("det.builder"), index.source("mine.builder")
    assert installed is not None
    assert own is not None
    assert (installed.config_names, installed.scoped_blocks) == ([], [])
    assert (own.config_names, own.scoped_blocks) == (["Net"], [[6, 7]])
    later = index.module("det.later")
    assert later is not None
    assert later.dynamic == (("det.builder.MODELS", 4),)


def test_installed_directories_are_noted_only_for_what_the_project_does_not_have(
    site: Path, project: Path
) -> None:
    # A warm run checks the stamp of every noted directory: those of site-packages decide
    # nothing about a module the project has.
    write_tree(project, {"mine/__init__.py": "", "mine/models.py": ""})
    index = ProjectIndex([project], [], [site])
    index.source("mine.models")
    assert not any(path.startswith(str(site)) for path in index.directories)
    index.source("det")
    index.source("det.registry")
    assert {str(site), str(site / "det")} <= index.directories.keys()


def test_the_headers_read_from_the_text_are_what_importlib_parses() -> None:
    # Every distribution of the test environment: names and requirements as importlib's
    # e-mail parsing gives them, from a read of the text that stops at the description.
    import importlib.metadata  # noqa: PLC0415

    from typed_registry._index._installed import _headers  # noqa: PLC0415

    distributions = list(importlib.metadata.distributions(path=[str(ENVIRONMENT)]))
    assert len(distributions) > 20
    for distribution in distributions:
        headers = _headers(distribution)
        assert headers["name"] == [distribution.metadata["Name"]]
        assert headers.get("requires-dist", []) == (distribution.requires or [])


def test_a_folded_header_line_and_an_egg_info_are_read(tmp_path: Path) -> None:
    import importlib.metadata  # noqa: PLC0415

    from typed_registry._index._installed import _headers  # noqa: PLC0415

    info = tmp_path / "old.egg-info"
    info.mkdir()
    info.joinpath("PKG-INFO").write_text(
        "Metadata-Version: 1.1\nName: old\nSummary: a summary\n  folded on\n"
        "Requires-Dist: mmengine\n\nName: not a header\n"
    )
    (distribution,) = importlib.metadata.distributions(path=[str(tmp_path)])
    assert _headers(distribution) == {
        "metadata-version": ["1.1"],
        "name": ["old"],
        "summary": ["a summary"],
        "requires-dist": ["mmengine"],
    }
