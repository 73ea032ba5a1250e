"""The same output cold, warm, after edits, with ``-n 2`` and under the daemon.

Each test walks the project of :mod:`tests.plugin.scenarios` through the same edits
(:data:`EDITS`): the calling module alone, the signature of a registered function in a
module it reads through the locations hub, a registration added in another module, one
renamed, a module added under the location and removed again, the scope of a child
registry changed. After each edit the output must equal a cold run on the edited files,
and must show the edit (a check per edit), so that a stale result cannot pass for a
correct one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from mypy.build import take_module_snapshot
from mypy.options import Options
from tests.plugin.scenarios import SOURCES, Project, forget_the_daemon, lines_of, rename_resnet

import typed_registry.mypy
from typed_registry.mypy._plugin import RegistryPlugin

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@dataclass(frozen=True)
class Edit:
    """One change to the project, and what its output must then show."""

    name: str
    apply: Callable[[Project], None]
    shows: Callable[[str], bool]


def _edit_app(project: Project) -> None:
    text = (project.root / "app.py").read_text()
    project.edit("app.py", text + 'more = MODELS.build(dict(type="make_mlp", layers="2"))\n')


def _change_a_signature(project: Project) -> None:
    # app.py reads mlp.py through the locations hub only: its check depends on make_mlp.
    project.replace("mypkg/models/mlp.py", "def make_mlp(layers: int)", "def make_mlp(layers: str)")


def _add_registration(project: Project) -> None:
    text = (project.root / "mypkg/models/mlp.py").read_text()
    project.edit(
        "mypkg/models/mlp.py",
        text
        + "\n\n@MODELS.register_module()\n"
        + "class ViT:\n"
        + "    def __init__(self, patch: int) -> None:\n"
        + "        self.patch = patch\n\n"
        + "    def forward(self, x: int) -> int:\n"
        + "        return x\n",
    )


def _add_module(project: Project) -> None:
    project.edit(
        "mypkg/models/vgg.py",
        "from mypkg.registry import MODELS\n\n\n"
        "@MODELS.register_module()\n"
        "class VGG:\n"
        "    def forward(self, x: int) -> int:\n"
        "        return x\n",
    )


def _remove_module(project: Project) -> None:
    project.delete("mypkg/models/vgg.py")


def _rescope_child(project: Project) -> None:
    # The child registry's module is imported by a location module only: app.py reads it
    # because YOLO is registered into it.
    project.replace("mypkg/det/registry.py", 'scope="det"', 'scope="detection"')


RESNET_UNKNOWN = (
    '3: error: "ResNet" is not registered in registry "models" (scope "mypkg"); '
    'did you mean "ResNet50"?  [registry-name]'
)
VGG_UNKNOWN = (
    '11: error: "VGG" is not registered in registry "models" (scope "mypkg")  [registry-name]'
)

YOLO_UNKNOWN = (
    '7: error: "det.YOLO" is not registered: scope "det" is not in the tree of registry '
    '"models" (scope "mypkg"); known scopes: "detection" and "mypkg"  [registry-name]'
)

EDITS = [
    Edit(
        "edit the calling module",
        _edit_app,
        lambda out: any(
            line.startswith('11: error: Argument "layers" to "make_mlp"')
            for line in lines_of(out, "app.py")
        ),
    ),
    Edit(
        "change the signature of a registered function",
        _change_a_signature,
        lambda out: any(
            line.startswith('4: error: Argument "layers" to "make_mlp" has incompatible type "int"')
            for line in lines_of(out, "app.py")
        ),
    ),
    Edit(
        "add a registration in another module",
        _add_registration,
        lambda out: '8: note: Revealed type is "mypkg.models.mlp.ViT"' in lines_of(out, "app2.py"),
    ),
    Edit(
        "rename a registration",
        rename_resnet,
        lambda out: (
            RESNET_UNKNOWN in lines_of(out, "app.py")
            and '10: note: Revealed type is "mypkg.models.resnet.ResNet"'
            in lines_of(out, "app2.py")
        ),
    ),
    Edit(
        "add a module under the location",
        _add_module,
        lambda out: (
            '11: note: Revealed type is "type[mypkg.models.vgg.VGG]"' in lines_of(out, "app2.py")
            and VGG_UNKNOWN not in lines_of(out, "app2.py")
        ),
    ),
    Edit(
        "remove that module",
        _remove_module,
        lambda out: VGG_UNKNOWN in lines_of(out, "app2.py"),
    ),
    Edit(
        "change the scope of a child registry",
        _rescope_child,
        lambda out: YOLO_UNKNOWN in lines_of(out, "app.py"),
    ),
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return Project.create(tmp_path)


def test_warm_runs_after_each_edit_equal_a_cold_run(project: Project) -> None:
    cold = project.cold().output
    assert project.mypy().output == cold  # a new cache
    assert project.mypy().output == cold  # warm: nothing changed
    for edit in EDITS:
        edit.apply(project)
        cold = project.cold().output
        assert edit.shows(cold), edit.name
        assert project.mypy().output == cold, edit.name
    reversed_sources = tuple(reversed(SOURCES))
    assert project.mypy(sources=reversed_sources).output == cold


def test_parallel_checking_cold_warm_and_after_edits(project: Project) -> None:
    expected = project.cold().output
    assert project.mypy_subprocess("-n", "2", cache="parallel").output == expected  # cold
    assert project.mypy_subprocess("-n", "2", cache="parallel").output == expected  # warm
    for edit in EDITS[1:4]:  # registrations added, renamed, and a new module
        edit.apply(project)
        expected = project.cold().output
        assert edit.shows(expected), edit.name
        assert project.mypy_subprocess("-n", "2", cache="parallel").output == expected, edit.name


def test_the_daemon_after_each_edit_equals_a_cold_run(project: Project, tmp_path: Path) -> None:
    status_file = tmp_path / "dmypy.json"
    try:
        assert project.dmypy(status_file).output == project.cold().output
        for edit in EDITS:
            edit.apply(project)
            cold = project.cold().output
            assert edit.shows(cold), edit.name
            # A module added or removed under a location restarts the daemon (it says so).
            assert project.dmypy(status_file).output == cold, edit.name
    finally:
        project.dmypy_stop(status_file)


def test_the_daemon_restarts_only_when_the_settings_change(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the daemon does (see _plugin._publish_snapshot), in this process: the daemon's
    # build constructs the plugin with fine-grained options, each `dmypy run` constructs it
    # again with plain options, and restarts when the plugin module's snapshot changed. A
    # module added under a location is followed by the daemon's triggers instead.
    forget_the_daemon(monkeypatch)
    options = Options()
    options.config_file = "pyproject.toml"
    RegistryPlugin(options)
    assert typed_registry.mypy.__version__ == "batch"  # a batch run's cache key is left alone
    daemon_options = Options()
    daemon_options.config_file = "pyproject.toml"
    daemon_options.fine_grained_incremental = True
    RegistryPlugin(daemon_options)
    started = take_module_snapshot(typed_registry.mypy)
    RegistryPlugin(options)
    assert take_module_snapshot(typed_registry.mypy) == started  # nothing changed: no restart
    _add_module(project)
    RegistryPlugin(options)
    assert take_module_snapshot(typed_registry.mypy) == started  # a new module: no restart
    project.replace("pyproject.toml", '"mypkg.models"', '"mypkg.models", "mypkg.det"')
    RegistryPlugin(options)
    assert take_module_snapshot(typed_registry.mypy) != started  # other settings: restart


def test_a_daemon_started_from_a_fine_grained_cache_restarts_when_registrations_change(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Such a daemon loads modules from the cache, which no hook of the plugin sees: the
    # triggers on their registrations are not there, and the daemon restarts instead.
    forget_the_daemon(monkeypatch)
    daemon_options = Options()
    daemon_options.config_file = "pyproject.toml"
    daemon_options.fine_grained_incremental = True
    daemon_options.use_fine_grained_cache = True
    RegistryPlugin(daemon_options)
    started = take_module_snapshot(typed_registry.mypy)
    options = Options()
    options.config_file = "pyproject.toml"
    RegistryPlugin(options)
    assert take_module_snapshot(typed_registry.mypy) == started  # nothing changed
    rename_resnet(project)
    RegistryPlugin(options)
    assert take_module_snapshot(typed_registry.mypy) != started


NETS = """\
    class Net:
        def __init__(self, size: int) -> None:
            self.size = size

        def forward(self, x: int) -> int:
            return x
    """
FACTORY = """\
    from mypkg.models.nets import Net
    from mypkg.registry import MODELS


    class Factory:
        @staticmethod
        def make(size: int) -> Net:
            return Net(size)


    MODELS.register_module(module=Factory.make)
    """
APP3 = """\
    from mypkg.registry import MODELS

    net = MODELS.build(dict(type="make", size=1))
    reveal_type(net)
    """


def test_a_method_s_new_signature_re_checks_the_configs_built_with_it(
    project: Project, tmp_path: Path
) -> None:
    # app3.py reads factory.py through the locations hub only, the edit changes no
    # registration, and the types app3.py uses are defined elsewhere (nets.py): only the
    # dependency on the method's module (its class's module, not the non-module
    # "mypkg.models.factory.Factory") makes mypy check app3.py again.
    project.write("mypkg/models/nets.py", NETS)
    project.write("mypkg/models/factory.py", FACTORY)
    project.write("app3.py", APP3)
    sources = (*SOURCES, "app3.py")
    status_file = tmp_path / "dmypy.json"
    try:
        cold = project.cold(sources).output
        assert lines_of(cold, "app3.py") == ['4: note: Revealed type is "mypkg.models.nets.Net"']
        assert project.mypy(sources=sources).output == cold
        assert project.dmypy(status_file, sources).output == cold
        project.replace("mypkg/models/factory.py", "make(size: int)", "make(size: str)")
        cold = project.cold(sources).output
        assert lines_of(cold, "app3.py")[0].startswith(
            '3: error: Argument "size" to "make" of "Factory" has incompatible type "int"'
        )
        assert project.mypy(sources=sources).output == cold
        assert project.dmypy(status_file, sources).output == cold
    finally:
        project.dmypy_stop(status_file)


def _index_cache(project: Project) -> Path:
    return project.root / ".cache" / "warm" / "typed_registry-index"


def _append_to_app(project: Project) -> None:
    # mypy checks app.py again, asking the index what ResNet is.
    project.edit("app.py", (project.root / "app.py").read_text() + "# edited\n")


def test_a_few_bytes_damaged_in_the_index_cache_change_no_output(project: Project) -> None:
    assert project.mypy().output == project.cold().output
    facts = _index_cache(project) / "snapshot-facts.json"
    head, _, body = facts.read_text().partition("\n")
    # Three bytes: the file keeps its form and its first line, and would name ResNex.
    facts.write_text(f"{head}\n{body.replace('ResNet', 'ResNex')}")
    _append_to_app(project)
    warm = project.mypy().output
    assert '8: note: Revealed type is "mypkg.models.resnet.ResNet"' in lines_of(warm, "app.py")
    assert warm == project.cold().output
    _append_to_app(project)
    assert project.mypy().output == project.cold().output  # and in the next run


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_an_index_cache_file_linked_to_dev_zero_changes_no_output(project: Project) -> None:
    assert project.mypy().output == project.cold().output
    snapshot = _index_cache(project) / "snapshot.json"
    snapshot.unlink()
    snapshot.symlink_to("/dev/zero")
    _append_to_app(project)
    run = project.mypy()
    assert "Error constructing plugin instance" not in run.stdout + run.stderr
    assert run.output == project.cold().output
    assert snapshot.is_file()
    assert not snapshot.is_symlink()  # the run wrote its own in its place


def test_a_registration_added_re_checks_no_module_of_typed_registry(project: Project) -> None:
    # Installed in development mode (as here), typed_registry's modules are in the index; a
    # digest of theirs that follows the registrations made mypy check them again after a
    # registration was added, and so every module of the project, which imports them.
    assert project.mypy().output == project.cold().output
    _add_registration(project)
    run = project.mypy("-v")
    assert run.output == project.cold().output
    abandoned = [line for line in run.stderr.splitlines() if "Metadata abandoned for" in line]
    assert abandoned  # the edited module, and those whose digest follows its registrations
    assert not [line for line in abandoned if "for typed_registry" in line]
