"""The index's snapshot (``snapshot.save`` / ``snapshot.restore``): what was derived, kept.

A restored index answers exactly as one that derives everything again, reads no file it
already knows, and keeps the plugin's digests while it holds (they are derived from the
facts alone, which an edit inside a function body leaves as they were). A snapshot is dropped
(``restore`` returns False, the index derives from scratch) when anything it derived may no
longer hold: a registration changed, a module appeared, moved or vanished, a package of the
locations lists other modules, other roots, locations or version, or a damaged file.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from typed_registry._index import ProjectIndex, Run, _files, _project, snapshot
from typed_registry._index._facts import FACTS_VERSION
from typed_registry._index._files import SourceCache
from typed_registry._index._reader import ModuleSource, read_module

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from .conftest import IndexMaker, TreeWriter

LOCATIONS = ("pkg.models", "ns")

PROJECT = {
    "pkg/__init__.py": "",
    "pkg/registry.py": """\
        from typed_registry import Registry

        MODELS = Registry("models", scope="pkg", locations=["pkg.models"])
        DET = Registry("det", parent=MODELS, scope="det")
        """,
    "pkg/util.py": "def helper() -> int:\n    return 1\n",
    "pkg/models/__init__.py": "from .resnet import ResNet\n",
    "pkg/models/resnet.py": """\
        from pkg.registry import MODELS


        @MODELS.register_module()
        class ResNet:
            def forward(self) -> int:
                return 1
        """,
    "pkg/models/heads.py": """\
        from outside import OTHER
        from pkg.registry import DET, MODELS


        class Head:
            pass


        DET.register_module(name="RetinaHead", module=Head)
        MODELS.register_module(module=Head)
        OTHER.register_module(module=Head)


        def register(cls):
            MODELS.register_module(module=cls)
        """,
    # A namespace package (no __init__.py) as a location.
    "ns/plugins/extra.py": """\
        from pkg.registry import MODELS


        @MODELS.register_module(name="Extra")
        class Extra:
            pass
        """,
    "app.py": """\
        from pkg import registry, util
        from pkg.models import heads
        import ns.plugins.extra

        try:
            import missing_module
        except ImportError:
            missing_module = None
        """,
}

MODULES = (
    "app",
    "pkg",
    "pkg.registry",
    "pkg.util",
    "pkg.models",
    "pkg.models.resnet",
    "pkg.models.heads",
    "ns",
    "ns.plugins",
    "ns.plugins.extra",
    "missing_module",
    "pkg.missing",
)

#: What the plugin stores in the index for some modules.
DIGESTS = {"app": "digest-of-app", "pkg.models.resnet": "digest-of-resnet"}
#: The modules the plugin found to register no duplicate.
FIRSTS = {"pkg.models.resnet"}


def derive(project: ProjectIndex) -> ProjectIndex:
    """Ask ``project`` what a plugin run asks, and store digests as the plugin does."""
    for module in MODULES:
        project.module(module)
        project.run(module)
    project.location_run()
    project.location_run(["pkg.registry"])
    project.digests.update(DIGESTS)
    project.first_registrations.update(FIRSTS)
    return project


def registrations(run: Run) -> list[tuple[str, int, tuple[str, ...] | None, str | None]]:
    return [(r.module, r.line, r.names, r.target) for r in run.registrations]


def answers(project: ProjectIndex) -> dict[str, Any]:
    """Everything a caller reads from ``project`` (deriving what it does not hold yet)."""
    return {
        "sources": {module: project.source(module) for module in MODULES},
        "modules": {module: project.module(module) for module in MODULES},
        "runs": {
            module: (project.run(module).modules, registrations(project.run(module)))
            for module in MODULES
        },
        "location_run": (project.location_run().modules, registrations(project.location_run())),
        "location_run_with_extra": registrations(project.location_run(["pkg.registry"])),
        "location_modules": project.location_modules(),
        "digests": dict(project.digests),
    }


@pytest.fixture
def saved(index: IndexMaker, tmp_path: Path) -> Path:
    """The project written, derived, and its snapshot saved; returns the snapshot's path."""
    path = tmp_path / "cache" / "snapshot.json"
    snapshot.save(derive(index(PROJECT, LOCATIONS)), path)
    return path


@pytest.fixture
def fresh(index: IndexMaker) -> Callable[[], ProjectIndex]:
    """A new index over the project as it is on disk now (nothing derived yet)."""
    return lambda: index({}, LOCATIONS)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The modules that indexes read from disk from now on."""
    read: list[str] = []
    original = SourceCache.read

    def record(
        self: SourceCache, path: Path, module: str, *, is_package: bool, installed: bool = False
    ) -> ModuleSource:
        read.append(module)
        return original(self, path, module, is_package=is_package, installed=installed)

    monkeypatch.setattr(SourceCache, "read", record)
    return read


def edit(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` with a modification time other than the file's."""
    before = path.stat().st_mtime_ns
    path.write_text(text, "utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def edit_resnet(tree: TreeWriter, old: str, new: str) -> None:
    """Edit the project's ``pkg/models/resnet.py``: ``old`` becomes ``new``."""
    resnet = tree({}) / "pkg/models/resnet.py"
    edit(resnet, resnet.read_text("utf-8").replace(old, new))


def snapshot_json(saved: Path) -> Any:
    """The saved snapshot's JSON (after its first line, a check of the rest)."""
    return json.loads(saved.read_text("utf-8").partition("\n")[2])


def rewrite(saved: Path, change: Callable[[dict[str, Any]], object]) -> None:
    """Change the saved snapshot's JSON in place (and its check to match)."""
    data = snapshot_json(saved)
    change(data)
    saved.write_text(snapshot.snapshot_text(json.dumps(data)), "utf-8")


def change_indexed(
    data: dict[str, Any], module: str, change: Callable[[dict[str, Any]], object]
) -> None:
    """Change one module's entry in the facts file's JSON (a JSON text of its own)."""
    indexed = json.loads(data["indexed"][module])
    change(indexed)
    data["indexed"][module] = json.dumps(indexed)


def rewrite_facts(
    saved: Path, change: Callable[[dict[str, Any]], object], *, key: str = "facts"
) -> None:
    """Change the snapshot's facts (or sources) file in place, and its digest to match."""
    data = read_side_file(saved, key)
    change(data)
    write_side_file(saved, key, side_file_text(key, data))


def side_file_body(saved: Path, key: str) -> str:
    """The text of the snapshot's facts or sources file after its first line (a digest)."""
    return SIDE_FILES[key](saved).read_text("utf-8").partition("\n")[2]


def read_side_file(saved: Path, key: str) -> Any:
    """The data of the snapshot's facts or sources file (each entry a JSON text)."""
    body = side_file_body(saved, key)
    return snapshot.facts_data(body) if key == "facts" else snapshot.sources_data(body)


def side_file_text(key: str, data: Any) -> str:
    """The facts or sources file's form of ``data`` (see :func:`read_side_file`)."""
    return snapshot.facts_text(data) if key == "facts" else snapshot.sources_text(data)


def change_location_run(data: dict[str, Any], change: Callable[[dict[str, Any]], object]) -> None:
    """Change the first location run in the facts file's data (a JSON text of its own)."""
    run = json.loads(data["location_runs"][0][1])
    change(run)
    data["location_runs"][0][1] = json.dumps(run)


def write_side_file(saved: Path, key: str, text: str, *, digest: str | None = None) -> None:
    """Write the facts or sources file (``text``), and the snapshot's digest of it."""
    digest = snapshot.side_file_name(text) if digest is None else digest
    SIDE_FILES[key](saved).write_text(f"{digest}\n{text}", "utf-8")
    rewrite(saved, lambda snapshot_data: snapshot_data.update({key: digest}))


#: The files beside the snapshot, by the key of their digest in it.
SIDE_FILES: dict[str, Callable[[Path], Path]] = {
    "facts": snapshot.facts_path,
    "sources": snapshot.sources_path,
}


# -- what a restored index answers -----------------------------------------------------------


def test_a_restored_index_answers_like_a_fresh_one(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    restored = fresh()
    assert snapshot.restore(restored, saved)
    expected = answers(derive(fresh()))
    assert len(expected["location_run"][1]) == 4  # ResNet, RetinaHead, Head, Extra
    assert answers(restored) == expected


def test_a_restored_index_holds_the_plugins_digests(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert restored.digests == DIGESTS
    assert restored.first_registrations == FIRSTS


def test_a_restored_index_reads_no_file(
    saved: Path, fresh: Callable[[], ProjectIndex], reads: list[str]
) -> None:
    restored = fresh()
    assert snapshot.restore(restored, saved)
    answers(restored)
    assert reads == []


def test_a_restored_index_derives_nothing_it_holds(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    restored = fresh()
    assert snapshot.restore(restored, saved)
    answers(restored)
    assert restored.dirty is False


def test_a_restore_sets_dirty_false(saved: Path, fresh: Callable[[], ProjectIndex]) -> None:
    restored = fresh()
    restored.module("app")
    assert restored.dirty
    assert snapshot.restore(restored, saved)
    assert restored.dirty is False


def test_a_restored_index_derives_what_it_does_not_hold(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert restored.module("pkg.other") is None
    assert restored.dirty


def test_a_save_sets_dirty_false(index: IndexMaker, tmp_path: Path) -> None:
    project = derive(index(PROJECT, LOCATIONS))
    assert project.dirty
    snapshot.save(project, tmp_path / "snapshot.json")
    assert project.dirty is False


def test_a_namespace_package_round_trips(saved: Path, fresh: Callable[[], ProjectIndex]) -> None:
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert restored.found["ns"] == (None, True)
    assert restored.found["ns.plugins"] == (None, True)
    assert restored.source("ns") == ModuleSource("ns", is_package=True)
    assert restored.packages["ns"] == ["ns", "ns.plugins.extra"]
    assert "ns.plugins.extra" in restored.location_run().modules


def test_a_missing_module_round_trips_as_missing(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert restored.found["missing_module"] is None
    assert restored.module("missing_module") is None


def test_a_snapshot_with_nothing_derived_restores_as_empty(
    index: IndexMaker, tmp_path: Path
) -> None:
    path = tmp_path / "snapshot.json"
    snapshot.save(index(PROJECT, LOCATIONS), path)
    restored = index({}, LOCATIONS)
    assert snapshot.restore(restored, path)
    assert restored.found == {}
    assert answers(restored) == answers(index({}, LOCATIONS))


# -- files that change ---------------------------------------------------------------------


def test_an_edit_inside_a_function_body_keeps_the_snapshot(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    edit_resnet(tree, "return 1", "return 1 + 1")  # inside a function body
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert answers(restored) == answers(derive(fresh()))


def test_a_file_read_again_keeps_its_new_source_when_every_entry_is_converted(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    edit_resnet(tree, "return 1", "return 1 + 1")  # read again: the same facts
    restored = fresh()
    assert snapshot.restore(restored, saved)
    source = restored.sources["pkg.models.resnet"]
    restored.everything()  # as the daemon's refresh does: the saved entry is the older
    assert restored.sources["pkg.models.resnet"] is source


def test_an_edit_inside_a_function_body_keeps_the_digests_and_derives_nothing(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    util = tree({}) / "pkg/util.py"
    edit(util, util.read_text("utf-8").replace("return 1", "return 2"))  # same size
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert restored.digests == DIGESTS
    assert not restored.dirty  # so the plugin writes no snapshot


def test_an_edit_inside_a_function_body_is_read_once_then_its_new_stamp_is_kept(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter, reads: list[str]
) -> None:
    edit_resnet(tree, "return 1", "return 1 + 1")  # inside a function body
    facts_written = snapshot.facts_path(saved).stat().st_mtime_ns
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert reads == ["pkg.models.resnet"]
    snapshot.save_changes(restored, saved)  # nothing derived: the small file only
    assert snapshot.facts_path(saved).stat().st_mtime_ns == facts_written
    assert restored.lookups_to_save is None
    reads.clear()
    again = fresh()
    assert snapshot.restore(again, saved)
    assert reads == []
    assert answers(again) == answers(derive(fresh()))


def test_a_full_save_also_writes_the_new_stamps(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter, reads: list[str]
) -> None:
    edit_resnet(tree, "return 1", "return 1 + 1")  # inside a function body
    restored = fresh()
    assert snapshot.restore(restored, saved)
    restored.dirty = True  # as when a run derived something
    snapshot.save_changes(restored, saved)
    assert restored.lookups_to_save is None
    reads.clear()
    assert snapshot.restore(fresh(), saved)
    assert reads == []


def test_a_damaged_stamp_only_costs_reading_the_file_again(
    saved: Path, fresh: Callable[[], ProjectIndex], reads: list[str]
) -> None:
    rewrite(saved, lambda data: data["found"]["pkg.util"].__setitem__(2, "x"))
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert reads == ["pkg.util"]
    assert restored.lookups_to_save is not None  # the stamp the file has now, to keep
    assert answers(restored) == answers(derive(fresh()))


def test_new_stamps_that_cannot_be_written_are_kept_to_write_later(
    saved: Path, fresh: Callable[[], ProjectIndex], tmp_path: Path
) -> None:
    rewrite(saved, lambda data: data["found"]["pkg.util"].__setitem__(2, "x"))
    restored = fresh()
    assert snapshot.restore(restored, saved)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory", "utf-8")
    snapshot.save_changes(restored, blocked / "snapshot.json")  # does not raise
    assert restored.lookups_to_save is not None


def test_an_unchanged_restore_writes_nothing(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    written = saved.stat().st_mtime_ns
    restored = fresh()
    assert snapshot.restore(restored, saved)
    snapshot.save_changes(restored, saved)
    assert saved.stat().st_mtime_ns == written


def test_an_edit_reads_only_the_changed_file(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter, reads: list[str]
) -> None:
    edit_resnet(tree, "return 1", "return 1 + 1")  # inside a function body
    restored = fresh()
    assert snapshot.restore(restored, saved)
    answers(restored)
    assert reads == ["pkg.models.resnet"]


def test_a_file_saved_while_it_could_not_be_read_is_read_again(
    index: IndexMaker, tmp_path: Path, tree: TreeWriter, reads: list[str]
) -> None:
    project = derive(index(PROJECT, LOCATIONS))
    util = tree({}) / "pkg/util.py"
    util.unlink()
    path = tmp_path / "snapshot.json"
    snapshot.save(project, path)
    tree({"pkg/util.py": PROJECT["pkg/util.py"]})
    restored = index({}, LOCATIONS)
    reads.clear()
    assert snapshot.restore(restored, path)
    assert reads == ["pkg.util"]


def test_an_edit_that_changes_a_registration_drops_the_snapshot(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    edit_resnet(tree, "register_module()", 'register_module("R")')  # a registration
    assert not snapshot.restore(fresh(), saved)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The modules whose source the reader parses from now on."""
    parsed: list[str] = []
    original = _files.read_module

    def record(
        source: str, module: str, *, is_package: bool, installed: bool = False
    ) -> ModuleSource:
        parsed.append(module)
        return original(source, module, is_package=is_package, installed=installed)

    monkeypatch.setattr(_files, "read_module", record)
    return parsed


def test_a_dropped_snapshot_still_spares_parsing_the_files_that_did_not_change(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter, parses: list[str]
) -> None:
    edit_resnet(tree, "register_module()", 'register_module("R")')  # a registration
    restored = fresh()
    assert not snapshot.restore(restored, saved)
    restored_answers = answers(derive(restored))
    assert parses == ["pkg.models.resnet"]
    assert restored_answers == answers(derive(fresh()))


def test_a_dropped_snapshot_without_its_sources_file_parses_every_file(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter, parses: list[str]
) -> None:
    edit_resnet(tree, "register_module()", 'register_module("R")')  # a registration
    snapshot.sources_path(saved).unlink()
    restored = fresh()
    assert not snapshot.restore(restored, saved)
    derive(restored)
    assert "pkg.models.resnet" in parses
    assert "app" in parses


def test_a_file_edited_after_it_was_read_and_before_the_save_is_read_again(
    index: IndexMaker, tmp_path: Path, tree: TreeWriter
) -> None:
    project = derive(index(PROJECT, LOCATIONS))  # reads resnet.py
    edit_resnet(tree, "register_module()", 'register_module("R")')  # a registration
    path = tmp_path / "snapshot.json"
    snapshot.save(project, path)  # what it read is older than the file now
    assert not snapshot.restore(index({}, LOCATIONS), path)


def test_a_line_added_above_a_registration_drops_the_snapshot(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    resnet = tree({}) / "pkg/models/resnet.py"
    edit(resnet, "# a comment\n" + resnet.read_text("utf-8"))
    assert not snapshot.restore(fresh(), saved)


def test_a_new_file_under_a_location_drops_the_snapshot(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    tree({"pkg/models/vit.py": "X = 1\n"})
    assert not snapshot.restore(fresh(), saved)


def test_a_new_file_in_a_namespace_location_drops_the_snapshot(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    tree({"ns/more/tools.py": "X = 1\n"})
    assert not snapshot.restore(fresh(), saved)


def test_a_module_that_was_missing_and_now_exists_drops_the_snapshot(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    tree({"missing_module.py": "X = 1\n"})
    assert not snapshot.restore(fresh(), saved)


def test_a_module_that_vanished_drops_the_snapshot(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    (tree({}) / "pkg/util.py").unlink()
    assert not snapshot.restore(fresh(), saved)


def test_a_module_moved_into_a_package_drops_the_snapshot(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    root = tree({})
    (root / "pkg/util").mkdir()
    (root / "pkg/util.py").rename(root / "pkg/util/__init__.py")
    assert not snapshot.restore(fresh(), saved)


def test_a_module_shadowed_by_an_earlier_root_drops_the_snapshot(
    tree: TreeWriter, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    first.mkdir()
    roots = [first, tree(PROJECT)]
    path = tmp_path / "snapshot.json"
    snapshot.save(derive(ProjectIndex(roots, LOCATIONS)), path)
    (first / "pkg").mkdir()
    (first / "pkg/util.py").write_text("X = 1\n", "utf-8")
    assert not snapshot.restore(ProjectIndex(roots, LOCATIONS), path)


def test_a_warm_restore_makes_no_lookup_while_the_directories_are_unchanged(
    saved: Path, fresh: Callable[[], ProjectIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups: list[str] = []
    monkeypatch.setattr(
        snapshot, "module_file", lambda roots, module, installed=(): lookups.append(module)
    )
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert lookups == []
    assert answers(restored) == answers(derive(fresh()))


def test_a_touched_directory_makes_the_lookups_again_and_they_hold(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    models = tree({}) / "pkg/models"
    scratch = models / "notes.txt"  # an entry that is no module: the listing stays the same
    scratch.write_text("x", "utf-8")
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert answers(restored) == answers(derive(fresh()))


def test_a_file_added_beside_the_top_packages_looks_up_only_the_modules_found_there(
    saved: Path,
    fresh: Callable[[], ProjectIndex],
    tree: TreeWriter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tree({}) / "notes.txt").write_text("x", "utf-8")
    lookups: list[str] = []
    original = snapshot.module_file

    def record(roots: Sequence[Path], module: str, installed: Sequence[Path] = ()) -> object:
        lookups.append(module)
        return original(roots, module, installed)

    monkeypatch.setattr(snapshot, "module_file", record)
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert sorted(lookups) == sorted(m for m in restored.found if "." not in m)
    assert "pkg.models.resnet" not in lookups
    assert answers(restored) == answers(derive(fresh()))


def test_a_directory_stamp_the_snapshot_holds_wrong_only_costs_the_lookups(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    def damage(data: dict[str, Any]) -> None:
        data["directories"] = dict.fromkeys(data["directories"], 0)

    rewrite(saved, damage)
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert answers(restored) == answers(derive(fresh()))


def test_the_directories_of_every_lookup_and_listing_are_noted(
    saved: Path, tree: TreeWriter
) -> None:
    root = tree({})
    noted = snapshot_json(saved)["directories"]
    assert str(root) in noted  # holds pkg/ (and app.py)
    assert str(root / "pkg" / "models") in noted  # listed, and holds resnet.py
    assert str(root / "pkg" / "missing") not in noted  # creating it changes pkg/
    assert noted[str(root / "pkg")] == (root / "pkg").stat().st_mtime_ns


# -- another project -------------------------------------------------------------------------


def test_other_roots_drop_the_snapshot(
    saved: Path, fresh: Callable[[], ProjectIndex], tmp_path: Path
) -> None:
    roots = [*fresh().roots, tmp_path / "elsewhere"]
    assert not snapshot.restore(ProjectIndex(roots, LOCATIONS), saved)


def test_other_locations_drop_the_snapshot(saved: Path, fresh: Callable[[], ProjectIndex]) -> None:
    assert not snapshot.restore(ProjectIndex(fresh().roots, ["pkg.models"]), saved)


def test_another_version_drops_the_snapshot(saved: Path, fresh: Callable[[], ProjectIndex]) -> None:
    rewrite(saved, lambda data: data.update(version="0.0"))
    assert not snapshot.restore(fresh(), saved)


def test_facts_of_another_form_are_derived_again(
    saved: Path, fresh: Callable[[], ProjectIndex], reads: list[str]
) -> None:
    def other_form(data: dict[str, Any]) -> None:
        for module, text in data["indexed"].items():
            indexed = json.loads(text)
            indexed["facts"]["version"] = FACTS_VERSION + 1
            data["indexed"][module] = json.dumps(indexed)

    rewrite_facts(saved, other_form)
    project = fresh()
    assert snapshot.restore(project, saved)  # where the modules are still holds
    assert answers(project) == answers(derive(fresh()))
    assert "pkg.models.resnet" in reads


# -- the facts file --------------------------------------------------------------------------


def record_loads(monkeypatch: pytest.MonkeyPatch, loader: str) -> list[Path]:
    """The files the snapshot's ``loader`` (``_load_facts``, ``_load_sources``) loads from now."""
    loads: list[Path] = []
    original = getattr(snapshot, loader)

    def record(path: Path, digest: str) -> object:
        loads.append(path)
        return original(path, digest)

    monkeypatch.setattr(snapshot, loader, record)
    return loads


def test_a_warm_restore_loads_no_facts_until_asked(
    saved: Path, fresh: Callable[[], ProjectIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = record_loads(monkeypatch, "_load_facts")
    project = fresh()
    assert snapshot.restore(project, saved)
    assert project.digests == DIGESTS
    assert loads == []
    project.module("app")
    assert loads == [snapshot.facts_path(saved)]


def test_the_checks_of_a_warm_run_load_no_sources(
    saved: Path, fresh: Callable[[], ProjectIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sources are most of the snapshot's size, and only resolving names again reads them.
    loads = record_loads(monkeypatch, "_load_sources")
    project = fresh()
    assert snapshot.restore(project, saved)
    for module in MODULES:
        project.module(module)
        project.run(module)
        assert project.is_module(module) == (module not in {"missing_module", "pkg.missing"})
    project.location_run(["pkg.registry"])
    assert project.registry_var("pkg.registry.DET") == "pkg.registry.DET"
    assert loads == []
    project.source("app")
    assert loads == [snapshot.sources_path(saved)]


def test_an_edited_file_that_reads_to_the_same_facts_is_its_own_source(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter, reads: list[str]
) -> None:
    edit_resnet(tree, "return 1", "return 2")
    project = fresh()
    assert snapshot.restore(project, saved)
    assert reads == ["pkg.models.resnet"]
    source = project.source("pkg.models.resnet")
    assert project.sources == {"pkg.models.resnet": source}  # no saved source was loaded
    assert source == derive(fresh()).source("pkg.models.resnet")


@pytest.mark.parametrize(
    "first",
    [
        lambda project: project.source("app"),
        lambda project: project.module("app"),
        lambda project: project.run("app"),
        lambda project: project.location_run(),
    ],
    ids=["source", "module", "run", "location_run"],
)
def test_any_first_question_loads_the_facts(
    saved: Path,
    fresh: Callable[[], ProjectIndex],
    reads: list[str],
    first: Callable[[ProjectIndex], object],
) -> None:
    project = fresh()
    assert snapshot.restore(project, saved)
    first(project)
    restored = answers(project)
    assert reads == []  # all from the facts file
    assert not project.dirty
    assert restored == answers(derive(fresh()))


@pytest.mark.parametrize("key", SIDE_FILES)
def test_a_side_file_written_by_another_run_is_not_taken(
    saved: Path, fresh: Callable[[], ProjectIndex], reads: list[str], key: str
) -> None:
    data = read_side_file(saved, key)
    if key == "facts":
        data["indexed"]["app"] = "{}"
    else:
        data["app"] = None
    text = side_file_text(key, data)  # another run's, with its own digest on the first line
    SIDE_FILES[key](saved).write_text(f"{snapshot.side_file_name(text)}\n{text}", "utf-8")
    project = fresh()
    assert snapshot.restore(project, saved)
    assert answers(project) == answers(derive(fresh()))
    assert "app" in reads


@pytest.mark.parametrize("key", SIDE_FILES)
def test_a_missing_side_file_costs_the_reads_only(
    saved: Path, fresh: Callable[[], ProjectIndex], key: str
) -> None:
    SIDE_FILES[key](saved).unlink()
    project = fresh()
    assert snapshot.restore(project, saved)
    assert answers(project) == answers(derive(fresh()))


_MODULE_NAMES = st.lists(st.text("abcxyz_", min_size=1, max_size=4), min_size=1, max_size=3).map(
    ".".join
)
#: JSON texts of strings of any characters (tabs and newlines among them, escaped).
_ENTRIES = st.dictionaries(_MODULE_NAMES, st.text().map(json.dumps), max_size=5)


@given(
    indexed=_ENTRIES,
    runs=_ENTRIES,
    location_runs=st.lists(
        st.tuples(st.lists(_MODULE_NAMES, max_size=3), st.text().map(json.dumps))
    ),
    registry_vars=st.dictionaries(_MODULE_NAMES, st.none() | _MODULE_NAMES),
)
def test_the_facts_file_reads_back_what_was_written(
    indexed: dict[str, str],
    runs: dict[str, str],
    location_runs: list[tuple[list[str], str]],
    registry_vars: dict[str, str | None],
) -> None:
    # Keys are module names (no tab, no comma), entries JSON texts (no raw newline or tab):
    # the line form holds any of them, the empty location-run key (no location) included.
    data = {
        "indexed": indexed,
        "runs": runs,
        "location_runs": [[key, text] for key, text in location_runs],
        "registry_vars": registry_vars,
    }
    assert snapshot.facts_data(snapshot.facts_text(data)) == data


DAMAGED_FACTS_FILES: dict[str, Callable[[str], str]] = {
    "empty": lambda text: "",
    "a first line not JSON": lambda text: "{not json\n" + text.partition("\n")[2],
    "no registry variables": lambda text: "{}\n" + text.partition("\n")[2],
    "registry variables not a table": lambda text: (
        '{"registry_vars": 3}\n' + text.partition("\n")[2]
    ),
    "a line without its fields": lambda text: text + "\nindexed",
    "a line of an unknown table": lambda text: text + "\nnothing\tapp\t{}",
}


@pytest.mark.parametrize("damage", DAMAGED_FACTS_FILES.values(), ids=DAMAGED_FACTS_FILES)
def test_facts_damaged_are_derived_again(
    saved: Path, fresh: Callable[[], ProjectIndex], damage: Callable[[str], str]
) -> None:
    write_side_file(saved, "facts", damage(side_file_body(saved, "facts")))
    project = fresh()
    assert snapshot.restore(project, saved)
    assert answers(project) == answers(derive(fresh()))


@pytest.mark.parametrize("text", ["3", '"x"', "[]", "[[1]]", '{"app": [1]}', "{not json", ""])
def test_sources_damaged_are_read_again(
    saved: Path, fresh: Callable[[], ProjectIndex], reads: list[str], text: str
) -> None:
    write_side_file(saved, "sources", text)
    project = fresh()
    assert snapshot.restore(project, saved)
    assert answers(project) == answers(derive(fresh()))
    assert "app" in reads


DAMAGED_FACTS: dict[str, Callable[[dict[str, Any]], object]] = {
    "a registry variable": lambda data: data["registry_vars"].update({"pkg.registry.DET": 3}),
    "an indexed module": lambda data: data["indexed"].update({"app": []}),
    "a registration's place": lambda data: change_indexed(
        data, "pkg.models.resnet", lambda indexed: indexed.update(order=[7])
    ),
    "an indexed module's text": lambda data: data["indexed"].update({"app": "{not json"}),
    "a run's registration": lambda data: data["runs"].update(
        app=json.dumps({"modules": ["app"], "registrations": [["nowhere", 0]]})
    ),
    "a run's text": lambda data: data["runs"].update(app="{not json"),
    "a run": lambda data: data["runs"].update(app=[]),
    "a location run": lambda data: data["location_runs"][0].__setitem__(1, {}),
    "a location run's registration": lambda data: change_location_run(
        data, lambda run: run["registrations"].append([1])
    ),
    "a location run's registry": lambda data: change_location_run(
        data, lambda run: run["specs"].append([1])
    ),
    "a location run's key": lambda data: data["location_runs"].append([["pkg"], {}]),
}


@pytest.mark.parametrize("damage", DAMAGED_FACTS.values(), ids=DAMAGED_FACTS)
def test_a_damaged_fact_is_derived_again(
    saved: Path, fresh: Callable[[], ProjectIndex], damage: Callable[[dict[str, Any]], object]
) -> None:
    rewrite_facts(saved, damage)
    project = fresh()
    assert snapshot.restore(project, saved)
    assert answers(project) == answers(derive(fresh()))


# -- a run saved after its package's ----------------------------------------------------------


def saved_run(saved: Path, module: str) -> Any:
    """The saved JSON of ``module``'s run."""
    return json.loads(read_side_file(saved, "facts")["runs"][module])


def test_a_module_s_run_is_saved_as_what_it_adds_to_its_package_s_run(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    package = derive(fresh()).run("pkg.models")
    assert "after" not in saved_run(saved, "pkg")  # a top-level module's run is saved whole
    assert saved_run(saved, "pkg.models")["after"][:3] == ["pkg", 1, 0]
    module = saved_run(saved, "pkg.models.resnet")
    assert module["after"][:3] == ["pkg.models", len(package.modules), 1]
    assert module["modules"] == []  # the package's __init__ imported it already
    assert module["registrations"] == []


def test_a_run_whose_package_run_is_another_now_is_derived_again(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    def other_package_run(data: dict[str, Any]) -> None:
        run = json.loads(data["runs"]["pkg.models"])
        run["modules"] = run["modules"][:-1]
        data["runs"]["pkg.models"] = json.dumps(run)
        del data["runs"]["pkg"]  # so that "pkg.models" is not derived again from it

    rewrite_facts(saved, other_package_run)
    project = fresh()
    assert snapshot.restore(project, saved)
    expected = derive(fresh()).run("pkg.models.resnet").modules
    assert project.run("pkg.models.resnet").modules == expected


def test_a_run_that_does_not_begin_with_its_package_s_is_saved_whole(
    index: IndexMaker, tmp_path: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    project = derive(index(PROJECT, LOCATIONS))
    project.runs["pkg.models"] = Run(["elsewhere"]).frozen()
    path = tmp_path / "snapshot.json"
    snapshot.save(project, path)
    assert "after" not in saved_run(path, "pkg.models.resnet")
    assert saved_run(path, "pkg.models.heads")["modules"][0] == "pkg"


# -- damaged snapshots -----------------------------------------------------------------------


def test_a_missing_snapshot_is_not_restored(
    tmp_path: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    assert not snapshot.restore(fresh(), tmp_path / "nothing.json")


KEYS = (
    "version",
    "roots",
    "locations",
    "found",
    "packages",
    "directories",
    "read",
    "digests",
    "first_registrations",
    "contents",
    "facts",
    "sources",
)


@pytest.mark.parametrize("text", ["", "{not json", "[]", '"snapshot"', "3", "null"])
def test_a_snapshot_that_is_no_json_object_is_not_restored(
    saved: Path, fresh: Callable[[], ProjectIndex], text: str
) -> None:
    saved.write_text(snapshot.snapshot_text(text), "utf-8")  # its check holds
    project = fresh()
    assert not snapshot.restore(project, saved)
    assert answers(project) == answers(fresh())


@pytest.mark.parametrize("key", KEYS)
def test_a_snapshot_with_a_key_missing_is_not_restored(
    saved: Path, fresh: Callable[[], ProjectIndex], key: str
) -> None:
    rewrite(saved, lambda data: data.pop(key))
    project = fresh()
    assert not snapshot.restore(project, saved)
    assert answers(project) == answers(fresh())


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (key, value)
        for key in KEYS
        for value in (3, "x", [], [[1]])
        # A digest: another file's (tested above); no module: a snapshot's form.
        if (key, value) not in [("facts", "x"), ("sources", "x"), ("first_registrations", [])]
    ],
)
def test_a_snapshot_with_a_value_of_another_type_is_not_restored(
    saved: Path, fresh: Callable[[], ProjectIndex], key: str, value: object
) -> None:
    rewrite(saved, lambda data: data.update({key: value}))
    project = fresh()
    assert not snapshot.restore(project, saved)
    assert answers(project) == answers(fresh())


DAMAGED_ENTRIES: dict[str, Callable[[dict[str, Any]], object]] = {
    "a found entry": lambda data: data["found"].update({"pkg.util": 3}),
    "a found entry's path": lambda data: data["found"]["pkg.util"].__setitem__(0, 3),
    "a package listing": lambda data: data["packages"].update({"pkg.models": 3}),
    "a package listing's module": lambda data: data["packages"].update({"pkg.models": [3]}),
    "a first registration": lambda data: data["first_registrations"].append(3),
}


@pytest.mark.parametrize("damage", DAMAGED_ENTRIES.values(), ids=DAMAGED_ENTRIES)
def test_a_snapshot_with_a_damaged_entry_is_not_restored(
    saved: Path, fresh: Callable[[], ProjectIndex], damage: Callable[[dict[str, Any]], object]
) -> None:
    rewrite(saved, damage)
    project = fresh()
    assert not snapshot.restore(project, saved)
    assert answers(project) == answers(fresh())


def test_a_snapshot_not_restored_leaves_the_index_as_it_was(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    rewrite(saved, DAMAGED_ENTRIES["a found entry"])
    project = fresh()
    project.module("pkg.util")
    before = (dict(project.found), dict(project.sources), dict(project.indexed))
    assert not snapshot.restore(project, saved)
    assert (project.found, project.sources, project.indexed) == before
    assert project.runs == {}
    assert project.dirty


# -- saving ----------------------------------------------------------------------------------


def test_a_save_to_an_unwritable_place_does_not_raise(index: IndexMaker, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", "utf-8")
    project = derive(index(PROJECT, LOCATIONS))
    snapshot.save(project, blocker / "snapshot.json")
    assert blocker.read_text("utf-8") == ""
    assert project.dirty  # nothing was saved


def test_a_save_replaces_the_previous_snapshot(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    tree({"pkg/models/vit.py": "X = 1\n"})
    snapshot.save(derive(fresh()), saved)
    assert snapshot.restore(fresh(), saved)
    # No temporary file left.
    assert sorted(saved.parent.iterdir()) == sorted(
        [saved, snapshot.facts_path(saved), snapshot.sources_path(saved)]
    )


def test_a_watching_index_restored_from_a_snapshot_notices_later_edits(
    saved: Path, index: IndexMaker, tmp_path: Path
) -> None:
    restored = index({}, LOCATIONS)
    assert snapshot.restore(restored, saved)
    restored.refresh()
    assert restored.generation == 0  # nothing changed since the snapshot
    registry = next((tmp_path / "project").rglob("registry.py"))
    edit(registry, "\n" + registry.read_text("utf-8"))  # every line moves down
    restored.refresh()
    assert restored.generation == 1


def test_saving_changes_writes_only_when_something_was_derived(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    restored = fresh()
    assert snapshot.restore(restored, saved)
    saved.unlink()
    snapshot.save_changes(restored, saved)  # nothing derived since the restore
    assert not saved.exists()
    restored.module("pkg.registry")
    restored.forget()
    restored.module("pkg.registry")  # derived again
    snapshot.save_changes(restored, saved)
    assert saved.exists()
    assert not restored.dirty


# -- files damaged under a first line that still names them -----------------------------------


def damage_body(saved: Path, key: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (as many bytes) in a side file's body, its first line kept."""
    path = SIDE_FILES[key](saved)
    head, _, body = path.read_text("utf-8").partition("\n")
    assert len(old) == len(new)
    assert old in body
    path.write_text(f"{head}\n{body.replace(old, new, 1)}", "utf-8")


@pytest.mark.parametrize("key", SIDE_FILES)
def test_a_side_file_edited_under_its_first_line_is_derived_again(
    saved: Path, fresh: Callable[[], ProjectIndex], key: str
) -> None:
    # Three bytes: still a file of the right form, which would answer ResNex for ResNet.
    damage_body(saved, key, "ResNet", "ResNex")
    project = fresh()
    assert snapshot.restore(project, saved)
    restored = answers(project)
    assert "ResNex" not in repr(restored)
    assert restored == answers(derive(fresh()))


def test_a_side_file_with_a_byte_that_is_no_utf8_is_derived_again(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    path = snapshot.facts_path(saved)
    path.write_bytes(path.read_bytes().replace(b"ResNet", b"ResN\xff\xfe", 1))
    project = fresh()
    assert snapshot.restore(project, saved)
    assert answers(project) == answers(derive(fresh()))


def test_a_snapshot_edited_by_three_bytes_is_not_restored(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    # A digest of the plugin's, still a JSON string: it would be taken as the module's.
    text = saved.read_text("utf-8")
    assert text.count("digest-of-app") == 1
    saved.write_text(text.replace("digest-of-app", "digest-of-xyz"), "utf-8")
    project = fresh()
    assert not snapshot.restore(project, saved)
    assert project.digests == {}


# -- what is no regular file in the cache directory ---------------------------------------------


def link_to_dev_zero(path: Path) -> None:
    """Replace ``path`` by a link to ``/dev/zero`` (endless bytes: read whole, all memory)."""
    path.unlink()
    path.symlink_to("/dev/zero")


needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")


@needs_dev_zero
def test_a_snapshot_linked_to_dev_zero_is_not_restored(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    link_to_dev_zero(saved)
    project = fresh()
    assert not snapshot.restore(project, saved)
    assert answers(project) == answers(fresh())


@needs_dev_zero
@pytest.mark.parametrize("key", SIDE_FILES)
def test_a_side_file_linked_to_dev_zero_is_derived_again(
    saved: Path, fresh: Callable[[], ProjectIndex], key: str
) -> None:
    link_to_dev_zero(SIDE_FILES[key](saved))
    project = fresh()
    assert snapshot.restore(project, saved)
    assert answers(project) == answers(derive(fresh()))


def test_a_snapshot_linked_to_a_good_copy_of_itself_is_not_restored(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    # The plugin writes regular files only: a link is someone else's, whatever it leads to.
    copy = saved.with_name("copy.json")
    copy.write_bytes(saved.read_bytes())
    saved.unlink()
    saved.symlink_to(copy)
    assert not snapshot.restore(fresh(), saved)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
@pytest.mark.parametrize("name", ["snapshot", *SIDE_FILES])
def test_a_named_pipe_in_place_of_a_snapshot_file_is_not_waited_on(
    saved: Path, fresh: Callable[[], ProjectIndex], name: str
) -> None:
    # Reading a pipe that no process writes to would wait for ever.
    path = saved if name == "snapshot" else SIDE_FILES[name](saved)
    path.unlink()
    os.mkfifo(path)
    project = fresh()
    side_file = name != "snapshot"
    assert snapshot.restore(project, saved) == side_file
    assert answers(project) == answers(derive(fresh()) if side_file else fresh())


def test_a_directory_in_place_of_the_snapshot_is_not_restored_nor_written(
    saved: Path, fresh: Callable[[], ProjectIndex]
) -> None:
    for path in saved.parent.iterdir():
        path.unlink()
    saved.mkdir()
    project = derive(fresh())
    assert not snapshot.restore(fresh(), saved)
    snapshot.save(project, saved)  # does not raise
    assert saved.is_dir()


def test_a_save_writes_through_no_link_left_where_its_temporary_file_goes(
    saved: Path, fresh: Callable[[], ProjectIndex], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not the plugin's", "utf-8")
    for path in saved.parent.iterdir():
        temporary = path.with_suffix(f".{os.getpid()}.tmp")  # as a crashed run left it
        temporary.symlink_to(outside)
    snapshot.save(derive(fresh()), saved)
    assert outside.read_text("utf-8") == "not the plugin's"
    assert snapshot.restore(fresh(), saved)
    assert sorted(saved.parent.iterdir()) == sorted(
        [saved, snapshot.facts_path(saved), snapshot.sources_path(saved)]
    )


# -- a module whose facts no other module reads ------------------------------------------------

#: Edits of app.py (which no module imports, and no location holds) that change its facts.
APP_EDITS = {
    "a function": "\n\ndef added():\n    return 1\n",
    "a class": "\n\nclass Added:\n    pass\n",
    "an import": "\nimport pkg.models.resnet\n",
    "a build": '\nMODELS.build(dict(type="ResNet"))\n',
    "a registration": "\nfrom pkg.registry import MODELS\nMODELS.register_module(module=int)\n",
}


def edit_app(tree: TreeWriter, added: str) -> None:
    app = tree({}) / "app.py"
    edit(app, app.read_text("utf-8") + added)


@pytest.mark.parametrize("added", APP_EDITS.values(), ids=APP_EDITS)
def test_a_module_no_other_reads_keeps_the_snapshot_when_its_facts_change(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter, reads: list[str], added: str
) -> None:
    edit_app(tree, added)
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert reads == ["app"]  # the other files are not read again
    assert restored.digests == {"pkg.models.resnet": "digest-of-resnet"}  # app's: derived again
    assert restored.dirty  # what is derived again is saved
    assert answers(derive(restored)) == answers(derive(fresh()))


def test_what_is_derived_again_for_such_a_module_is_saved_and_holds(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter, reads: list[str]
) -> None:
    edit_app(tree, APP_EDITS["an import"])
    restored = fresh()
    assert snapshot.restore(restored, saved)
    snapshot.save(derive(restored), saved)
    reads.clear()
    again = fresh()
    assert snapshot.restore(again, saved)
    assert reads == []
    assert answers(again) == answers(derive(fresh()))


def test_such_a_module_changed_again_before_a_save_is_read_again_next_time(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter, reads: list[str]
) -> None:
    edit_app(tree, APP_EDITS["a function"])
    restored = fresh()
    assert snapshot.restore(restored, saved)
    snapshot.save_changes(fresh(), saved)  # another run that derived nothing: no write
    reads.clear()
    again = fresh()
    assert snapshot.restore(again, saved)
    assert reads == ["app"]  # the snapshot on disk still has app's old facts: not taken
    assert "app" not in again.digests
    assert answers(derive(again)) == answers(derive(fresh()))


#: Modules whose facts another module's facts read, each with an edit that changes them.
READ_BY_OTHERS = {
    "imported by another module": ("pkg/util.py", "\n\ndef added():\n    return 1\n"),
    "under a location": ("pkg/models/resnet.py", "\n\ndef added():\n    return 1\n"),
    "a package whose module is imported": ("pkg/__init__.py", "\nimport os\n"),
}


@pytest.mark.parametrize(("name", "added"), READ_BY_OTHERS.values(), ids=READ_BY_OTHERS)
def test_a_module_other_modules_read_drops_the_snapshot_when_its_facts_change(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter, name: str, added: str
) -> None:
    path = tree({}) / name
    edit(path, path.read_text("utf-8") + added)
    assert not snapshot.restore(fresh(), saved)


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The modules that indexes look up in their roots from now on."""
    looked_up: list[str] = []

    def find_module(*args: Any) -> Any:  # the real one's arguments
        looked_up.append(args[1])
        return _files.find_module(*args)

    monkeypatch.setattr(_project, "find_module", find_module)
    return looked_up


@pytest.mark.parametrize("change", READ_BY_OTHERS.values(), ids=READ_BY_OTHERS)
def test_such_a_module_changed_leaves_what_was_looked_up_and_read(
    saved: Path,
    fresh: Callable[[], ProjectIndex],
    reads: list[str],
    lookups: list[str],
    change: tuple[str, str],
) -> None:
    # Every lookup still holds and every other file says what it said: only the facts
    # are derived again, from the sources as saved and the changed one's new source.
    restored = fresh()
    name, added = change
    path = restored.roots[0] / name
    edit(path, path.read_text("utf-8") + added)
    reads.clear()
    assert not snapshot.restore(restored, saved)
    assert reads == [name.removesuffix(".py").removesuffix("/__init__").replace("/", ".")]
    assert restored.digests == {}
    known = set(restored.found)
    lookups.clear()
    derived = answers(derive(restored))
    assert known
    assert not known.intersection(lookups)  # each is where the snapshot found it
    assert len(reads) == 1
    assert derived == answers(derive(fresh()))


#: How another module may refer to ``sub.inner``, which changes: each makes it read it.
REFERENCES = {
    "an import": "import sub.inner\n",
    "a name of it": "from sub.inner import VALUE\n",
    "the module from its package": "from sub import inner\n",
    "an attribute of its package": "import sub\nX = sub.inner.VALUE\n",
    "through a module's alias": "import sub as s\nX = s.inner.VALUE\n",
    "a registry's locations": (
        "from typed_registry import Registry\nR = Registry('r', locations=['sub.inner'])\n"
    ),
}


@pytest.mark.parametrize("reference", REFERENCES.values(), ids=REFERENCES)
def test_any_reference_to_a_changed_module_drops_the_snapshot(
    index: IndexMaker, tmp_path: Path, tree: TreeWriter, reference: str
) -> None:
    files = {
        **PROJECT,
        "sub/__init__.py": "",
        "sub/inner.py": "VALUE = 1\n",
        "user.py": reference,
    }
    path = tmp_path / "snapshot.json"
    snapshot.save(derive_all(index(files, LOCATIONS), ("user", "sub.inner")), path)
    inner = tree({}) / "sub/inner.py"
    edit(inner, inner.read_text("utf-8") + "\n\ndef added():\n    return 1\n")
    assert not snapshot.restore(index({}, LOCATIONS), path)


#: Dotted parts of the modules the property below makes up: some a prefix of another, one
#: that JSON escapes.
_PARTS = st.sampled_from(["a", "ab", "b", "inner", "in", "\u00e9t\u00e9"])
_MODULES = st.lists(_PARTS, min_size=1, max_size=3).map(".".join)


@st.composite
def _module_texts(draw: st.DrawFn) -> str:
    """A module that refers to others in the ways a reader records (see ``REFERENCES``)."""
    lines = ["from typed_registry import Registry"]
    for _ in range(draw(st.integers(0, 4))):
        module, part = draw(_MODULES), draw(_PARTS)
        lines.append(
            draw(
                st.sampled_from(
                    [
                        f"import {module}",
                        f"import {module} as alias\nX = alias.{part}",
                        f"from {module} import {part}",
                        f"from {module} import {part} as renamed",
                        f"R = Registry('r', locations=['{module}'])",
                        f"import {module} as base\nclass C(base.{part}):\n    pass",
                    ]
                )
            )
        )
    return "\n".join(lines) + "\n"


@given(
    st.dictionaries(_MODULES, _module_texts(), max_size=5),
    st.lists(_MODULES, min_size=1, max_size=2, unique=True),
)
def test_only_their_own_answers_as_reading_every_source_does(
    texts: dict[str, str], changed: list[str]
) -> None:
    """The search of the sources' texts leaves out no source that refers to a changed module."""
    # As saved: in JSON, where a registry's locations are a list (``to_json`` gives a tuple).
    raws = {
        module: json.loads(json.dumps(read_module(text, module, is_package=False).to_json()))
        for module, text in texts.items()
    }
    referred = any(
        other != module and (reference == module or reference.startswith(f"{module}."))
        for other, raw in raws.items()
        for reference in snapshot._references(raw)
        for module in changed
    )
    saved = {module: json.dumps(raw) for module, raw in raws.items()}
    assert snapshot.only_their_own([], {}, saved, changed) is not referred
    # The daemon's index searches only the texts that spell a changed module's name.
    wanted = {snapshot.spelling(module) for module in changed}
    spelling = {m: text for m, text in saved.items() if wanted & snapshot.spelt_names(text)}
    assert snapshot.referrers(spelling, changed) == snapshot.referrers(saved, changed)
    assert bool(snapshot.referrers(saved, changed)) is referred


@pytest.mark.parametrize("reference", REFERENCES.values(), ids=REFERENCES)
def test_a_watching_index_derives_again_every_module_that_refers_to_a_changed_module(
    index: IndexMaker, tree: TreeWriter, reference: str
) -> None:
    # The daemon's index, by the same rule (it once missed a registry's locations): a name
    # added to a module changes what the modules that refer to it resolve; the others'
    # facts still hold, and every run is derived again.
    files = {**PROJECT, "sub/__init__.py": "", "sub/inner.py": "VALUE = 1\n", "user.py": reference}
    project = derive_all(index(files, LOCATIONS), ("user", "sub.inner"))
    inner = tree({}) / "sub/inner.py"
    edit(inner, inner.read_text("utf-8") + "\n\ndef added():\n    return 1\n")
    generation = project.generation
    project.refresh()
    assert project.generation > generation
    assert "user" not in project.indexed
    assert "sub.inner" not in project.indexed
    assert "pkg.util" in project.indexed  # refers to neither
    assert project.runs == {}
    assert project.location_runs == {}
    fresh = ProjectIndex(project.roots, LOCATIONS)
    for module in ("user", "sub.inner", "pkg.util"):
        assert project.module(module) == fresh.module(module)
        assert project.run(module) == fresh.run(module)
    assert project.location_run() == fresh.location_run()


def test_a_watching_index_keeps_the_facts_of_every_other_module_when_registrations_change(
    index: IndexMaker, tree: TreeWriter
) -> None:
    # A registration renamed under a location binds no other name: only the module's own
    # facts, and every run, are derived again.
    project = derive_all(index(PROJECT, LOCATIONS), ())
    resnet = tree({}) / "pkg/models/resnet.py"
    edit(resnet, resnet.read_text("utf-8").replace("register_module()", 'register_module("R")'))
    kept = set(project.indexed) - {"pkg.models.resnet"}
    project.refresh()
    assert "pkg.models.resnet" not in project.indexed
    assert set(project.indexed) == kept
    fresh = ProjectIndex(project.roots, LOCATIONS)
    assert project.location_run() == fresh.location_run()
    assert "R" in {name for r in project.location_run().registrations for name in r.names or ()}


def test_a_changed_module_nobody_refers_to_beside_others_keeps_the_snapshot(
    index: IndexMaker, tmp_path: Path, tree: TreeWriter
) -> None:
    files = {**PROJECT, "sub/__init__.py": "", "sub/inner.py": "VALUE = 1\n", "user.py": "X = 1\n"}
    path = tmp_path / "snapshot.json"
    snapshot.save(derive_all(index(files, LOCATIONS), ("user", "sub.inner")), path)
    inner = tree({}) / "sub/inner.py"
    edit(inner, inner.read_text("utf-8") + "\n\ndef added():\n    return 1\n")
    restored = index({}, LOCATIONS)
    assert snapshot.restore(restored, path)
    assert answers(derive_all(restored, ("user", "sub.inner"))) == answers(
        derive_all(index({}, LOCATIONS), ("user", "sub.inner"))
    )


def derive_all(project: ProjectIndex, extra: Sequence[str]) -> ProjectIndex:
    """:func:`derive`, and the same questions about ``extra`` modules."""
    derive(project)
    for module in extra:
        project.module(module)
        project.run(module)
    return project


def test_a_snapshot_without_its_sources_file_is_dropped_when_a_module_s_facts_change(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    # Which modules read app's facts is known from the sources only.
    snapshot.sources_path(saved).unlink()
    edit_app(tree, APP_EDITS["a function"])
    assert not snapshot.restore(fresh(), saved)


def test_a_module_under_a_registry_s_own_location_drops_the_snapshot_when_its_facts_change(
    index: IndexMaker, tmp_path: Path, tree: TreeWriter
) -> None:
    # "sub" is no location of the settings: a registry's locations= names it, so what the
    # modules of its package register counts where that registry is seen.
    files = {
        **PROJECT,
        "sub/__init__.py": "",
        "sub/inner.py": "VALUE = 1\n",
        "user.py": "from typed_registry import Registry\nR = Registry('r', locations=['sub'])\n",
    }
    path = tmp_path / "snapshot.json"
    project = derive_all(index(files, LOCATIONS), ("user", "sub.inner"))
    assert "sub.inner" in project.location_run(["sub"]).modules
    snapshot.save(project, path)
    inner = tree({}) / "sub/inner.py"
    edit(inner, inner.read_text("utf-8") + "\n\ndef added():\n    return 1\n")
    assert not snapshot.restore(index({}, LOCATIONS), path)


def test_a_changed_module_s_registry_variables_are_answered_again(
    index: IndexMaker, tmp_path: Path, tree: TreeWriter
) -> None:
    path = tmp_path / "snapshot.json"
    files = {**PROJECT, "app.py": "from pkg.registry import MODELS\n"}
    project = derive(index(files, LOCATIONS))
    assert project.registry_var("app.MODELS") == "pkg.registry.MODELS"
    snapshot.save(project, path)
    edit_app(tree, "MODELS = None\n")  # app.MODELS is no longer the registry
    restored = index({}, LOCATIONS)
    assert snapshot.restore(restored, path)
    assert restored.registry_var("app.MODELS") is None
    assert index({}, LOCATIONS).registry_var("app.MODELS") is None


def test_a_changed_module_without_the_facts_file_is_derived_with_the_rest(
    saved: Path, fresh: Callable[[], ProjectIndex], tree: TreeWriter
) -> None:
    snapshot.facts_path(saved).unlink()
    edit_app(tree, APP_EDITS["a build"])
    restored = fresh()
    assert snapshot.restore(restored, saved)
    assert answers(derive(restored)) == answers(derive(fresh()))


def test_a_watching_index_keeps_what_the_other_modules_derived_when_such_a_module_changes(
    index: IndexMaker, fresh: Callable[[], ProjectIndex], tree: TreeWriter, reads: list[str]
) -> None:
    # The daemon's index: the same rule as a restored snapshot's.
    project = derive(index(PROJECT, LOCATIONS))
    registry = project.module("pkg.registry")
    reads.clear()
    edit_app(tree, APP_EDITS["an import"])
    project.refresh()
    assert reads == ["app"]
    assert project.generation == 1  # the views are made again
    assert project.module("pkg.registry") is registry
    assert "app" not in project.digests
    assert answers(derive(project)) == answers(derive(fresh()))


def test_a_watching_index_derives_again_what_reads_a_module_whose_names_change(
    index: IndexMaker, tree: TreeWriter
) -> None:
    project = derive(index(PROJECT, LOCATIONS))
    registry = project.module("pkg.registry")
    util = tree({}) / "pkg/util.py"  # app imports it
    edit(util, util.read_text("utf-8") + "\n\ndef added():\n    return 1\n")
    project.refresh()
    assert project.generation == 1
    assert project.digests == {}
    assert "app" not in project.indexed
    assert project.module("pkg.registry") is registry  # refers to no changed module
    derive(project)
    assert answers(project) == answers(derive(ProjectIndex(project.roots, LOCATIONS)))


def test_the_sources_are_loaded_once_when_a_module_s_facts_change(
    saved: Path,
    fresh: Callable[[], ProjectIndex],
    tree: TreeWriter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loads = record_loads(monkeypatch, "_load_sources")
    edit_app(tree, APP_EDITS["an import"])
    restored = fresh()
    assert snapshot.restore(restored, saved)  # loaded to know that no module reads app
    answers(derive(restored))  # and resolving app's names again takes them from there
    assert loads == [snapshot.sources_path(saved)]
    util = tree({}) / "pkg/util.py"  # app imports it
    edit(util, util.read_text("utf-8") + "\n\ndef added():\n    return 1\n")
    dropped = fresh()
    assert not snapshot.restore(dropped, saved)
    assert len(loads) == 2  # once more: for the files that did not change


def test_a_renamed_registration_keeps_what_reads_none_of_its_names(
    index: IndexMaker, tree: TreeWriter, tmp_path: Path, reads: list[str]
) -> None:
    # A warm run after a registration is renamed under a location: the other modules'
    # facts hold, and so do the digests of the modules whose source spells neither name.
    builds = 'from pkg.registry import MODELS\n\nMODELS.build(dict(type="ResNet"))\n'
    project = derive_all(index({**PROJECT, "user.py": builds}, LOCATIONS), ("user",))
    project.digests["user"] = "digest-of-user"
    project.first_registrations.add("user")
    path = tmp_path / "cache" / "snapshot.json"
    snapshot.save(project, path)
    edit_resnet(tree, "register_module()", 'register_module(name="R2")')
    reads.clear()
    restored = index({}, LOCATIONS)
    assert not snapshot.restore(restored, path)  # not all of it holds
    assert restored.digests == {"app": "digest-of-app"}  # spells neither ResNet nor R2
    assert "user" not in restored.first_registrations
    assert reads == ["pkg.models.resnet"]  # nothing else read again
    fresh = index({}, LOCATIONS)
    assert answers(derive(restored)) == answers(derive(fresh))
    assert reads.count("pkg.models.resnet") == 2  # by each index; no other file


def test_a_name_bound_beside_a_registration_derives_every_fact_again(
    index: IndexMaker, tree: TreeWriter, tmp_path: Path
) -> None:
    # A class added beside it binds a name in a module another refers to (the package's
    # __init__ imports ResNet from it): what resolves through it may change, no fact is kept.
    path = tmp_path / "cache" / "snapshot.json"
    snapshot.save(derive(index(PROJECT, LOCATIONS)), path)
    added = "class Other:\n    pass\n\n\n@MODELS.register_module()\nclass ResNet:"
    edit_resnet(tree, "@MODELS.register_module()\nclass ResNet:", added)
    restored = index({}, LOCATIONS)
    assert not snapshot.restore(restored, path)
    assert restored.digests == {}
    assert answers(derive(restored)) == answers(derive(index({}, LOCATIONS)))


def test_a_class_registered_in_a_module_nobody_refers_to_keeps_what_reads_none_of_it(
    index: IndexMaker, tree: TreeWriter, tmp_path: Path, reads: list[str]
) -> None:
    solo = "from pkg.registry import MODELS\n\n\n@MODELS.register_module()\nclass Solo:\n    pass\n"
    project = derive_all(index({**PROJECT, "pkg/models/solo.py": solo}, LOCATIONS), ())
    path = tmp_path / "cache" / "snapshot.json"
    snapshot.save(project, path)
    added = "\n\n@MODELS.register_module()\nclass Added:\n    pass\n"
    edit(tree({}) / "pkg/models/solo.py", solo + added)
    reads.clear()
    restored = index({}, LOCATIONS)
    assert not snapshot.restore(restored, path)
    assert restored.digests == DIGESTS  # neither module spells Solo or Added
    assert reads == ["pkg.models.solo"]
    assert answers(derive(restored)) == answers(derive(index({}, LOCATIONS)))


def test_a_class_registered_at_the_end_of_a_module_changes_the_digests_of_its_readers_only(
    index: IndexMaker, tree: TreeWriter, tmp_path: Path
) -> None:
    # Solo's registration is as it was (its line too): a module that builds Solo keeps its
    # digest; one that builds the new name does not.
    solo = "from pkg.registry import MODELS\n\n\n@MODELS.register_module()\nclass Solo:\n    pass\n"
    builds = 'from pkg.registry import MODELS\n\nMODELS.build(dict(type="{}"))\n'
    files = {
        **PROJECT,
        "pkg/models/solo.py": solo,
        "a.py": builds.format("Solo"),
        "b.py": builds.format("Added"),
    }
    project = derive_all(index(files, LOCATIONS), ("a", "b"))
    project.digests.update({"a": "digest-of-a", "b": "digest-of-b"})
    path = tmp_path / "cache" / "snapshot.json"
    snapshot.save(project, path)
    added = "\n\n@MODELS.register_module()\nclass Added:\n    pass\n"
    edit(tree({}) / "pkg/models/solo.py", solo + added)
    restored = index({}, LOCATIONS)
    assert not snapshot.restore(restored, path)
    assert restored.digests == {**DIGESTS, "a": "digest-of-a"}


@pytest.mark.parametrize(
    "registered",
    ['register_module(name="pkg.R")', "register_module(name=NAME)"],
    ids=["a name with a dot", "a name the source does not spell"],
)
def test_a_registration_whose_names_cannot_be_searched_for_derives_every_fact_again(
    index: IndexMaker, tree: TreeWriter, tmp_path: Path, registered: str
) -> None:
    # A dotted name is no whole part of a text, a computed one is no text at all: the
    # modules that read it cannot be found by the names they spell.
    path = tmp_path / "cache" / "snapshot.json"
    snapshot.save(derive(index(PROJECT, LOCATIONS)), path)
    edit_resnet(tree, "register_module()", registered)
    restored = index({}, LOCATIONS)
    assert not snapshot.restore(restored, path)
    assert restored.digests == {}
    assert answers(derive(restored)) == answers(derive(index({}, LOCATIONS)))
