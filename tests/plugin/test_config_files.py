"""mypy over MMEngine-style config files (``[tool.typed_registry.configs]``).

The project: ``pkg`` (the engine's registries, and models registered under a location),
``sub`` (a codebase with child registries, scope "sub"), and ``configs/`` (no packages, a
``_base_`` folder). Each config file is checked on its value merged with its bases; an
error is reported at the line that wrote the bad value, in the checked file, or in a base
when the base reports it itself.
"""

from __future__ import annotations

import json
import os
import re
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

import pytest
from mypy.errors import Errors
from mypy.nodes import AssignmentStmt, DictExpr, ListExpr, MypyFile, NameExpr, TempNode
from mypy.options import Options
from mypy.parse import parse
from mypy.plugin import ReportConfigContext
from mypy.types import AnyType
from tests.plugin.scenarios import Project, forget_the_daemon, lines_of
from tests.plugin.test_daemon_inprocess import dmypy_run, restarted, server

from typed_registry._configs import (
    ClassRef,
    ConfigDict,
    ConfigFileError,
    ConfigList,
    LoadedConfig,
    Node,
    Origin,
    Scalar,
    Unknown,
)
from typed_registry._index._snapshot import snapshot_text
from typed_registry.mypy import _messages
from typed_registry.mypy._config_literal import ConfigLiteral
from typed_registry.mypy._features import config_files
from typed_registry.mypy._features.config_check import check_config_part
from typed_registry.mypy._features.config_files import on_dependencies
from typed_registry.mypy._features.config_modules import ConfigModules, keep_interface
from typed_registry.mypy._features.config_synthesis import Placed, Synthesiser
from typed_registry.mypy._plugin import RegistryPlugin

if TYPE_CHECKING:
    from pathlib import Path

    from mypy.dmypy_server import Server

__all__ = ["server"]  # the daemon's fixture, for this module's project

FILES = {
    "pkg/__init__.py": "",
    "pkg/registry.py": """\
        from typed_registry import Registry

        MODELS: Registry[object] = Registry("model", scope="pkg", locations=["pkg.models"])
        HOOKS: Registry[object] = Registry("hook", scope="pkg", locations=["pkg.hooks"])
        """,
    "pkg/models.py": """\
        from typing import Annotated, Any

        from typed_registry import ConfigFor

        from pkg.registry import MODELS

        # Not config files: the plugin leaves their dicts to mypy.
        DEFAULTS = dict(depth=50)
        COPIED = DEFAULTS.copy()


        @MODELS.register_module()
        class ResNet:
            def __init__(self, depth: int, norm: str = "bn", frozen: bool = False) -> None:
                self.depth = depth


        @MODELS.register_module()
        class MobileNet:
            def __init__(self, widen: float = 1.0, out: tuple[int, ...] = (1,)) -> None:
                self.widen = widen


        @MODELS.register_module()
        class Detector:
            def __init__(
                self,
                backbone: Annotated[dict[str, Any], ConfigFor(MODELS)],
                threshold: float = 0.5,
                head: dict[str, Any] | None = None,
            ) -> None:
                self.backbone = MODELS.build(backbone)
        """,
    "pkg/hooks.py": """\
        from pkg.registry import HOOKS


        @HOOKS.register_module()
        class LoggerHook:
            def __init__(self, runner: object, interval: int = 10) -> None:
                self.interval = interval
        """,
    "sub/__init__.py": "",
    "sub/registry.py": """\
        from typed_registry import Registry

        from pkg.registry import MODELS as ENGINE_MODELS

        MODELS: Registry[object] = Registry(
            "model", parent=ENGINE_MODELS, scope="sub", locations=["sub.models"]
        )
        """,
    "sub/models.py": """\
        from sub.registry import MODELS


        @MODELS.register_module()
        class Head:
            def __init__(self, classes: int) -> None:
                self.classes = classes
        """,
    "configs/_base_/detector.py": """\
        model = dict(
            type="Detector",
            backbone=dict(type="ResNet", depth=50),
            threshold=0.25,
        )
        hooks = dict(logger=dict(type="LoggerHook", interval="10"))
        """,
    "configs/detector_r101.py": """\
        _base_ = "./_base_/detector.py"

        model = dict(backbone=dict(depth=101, nrom="gn"))
        """,
    "configs/detector_mobilenet.py": """\
        _base_ = "./_base_/detector.py"

        model = dict(backbone=dict(type="MobileNet", widen=0.5))
        """,
}
PYPROJECT = """\
[tool.mypy]
plugins = ["typed_registry.mypy"]

[tool.typed_registry]
locations = ["pkg.models", "pkg.hooks"]

[tool.typed_registry.configs]
paths = ["configs"]

[tool.typed_registry.configs.registries]
model = "pkg.registry.MODELS"
"hooks.*" = { registry = "pkg.registry.HOOKS", default_args = ["runner"] }
"""
SOURCES = ("configs",)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return Project.create(tmp_path, FILES, config=PYPROJECT)


def test_each_value_is_reported_where_it_was_written(project: Project) -> None:
    output = project.cold(SOURCES).output
    # The base's own mistake: reported by the base, not again by each config built on it.
    assert lines_of(output, "configs/_base_/detector.py") == [
        (
            '6: error: hooks.logger.interval: Argument "interval" to "LoggerHook" has '
            'incompatible type "str"; expected "int"  [arg-type]'
        ),
    ]
    assert lines_of(output, "configs/detector_r101.py") == [
        (
            '3: error: model.backbone.nrom: Unexpected keyword argument "nrom" for "ResNet"  '
            "[call-arg]"
        ),
        '3: note: "ResNet" defined in "pkg.models"',
    ]
    # The base's depth=50 merged into a MobileNet: wrong only in the config that changed the
    # type, which is where it is reported, with the line of the base that wrote it.
    assert lines_of(output, "configs/detector_mobilenet.py") == [
        (
            '3: error: model.backbone.depth: Unexpected keyword argument "depth" for '
            '"MobileNet"  [call-arg]'
        ),
        "3: note: the value comes from _base_/detector.py:3",
        '3: note: "MobileNet" defined in "pkg.models"',
    ]


def test_names_resolve_from_the_configs_default_scope(project: Project) -> None:
    project.write(
        "configs/scoped.py",
        """\
        default_scope = "sub"
        custom_imports = dict(imports=["sub.registry"], allow_failed_imports=False)
        model = dict(type="Head", classes=3)
        """,
    )
    project.write(
        "configs/unscoped.py",
        """\
        custom_imports = dict(imports=["sub.registry"])
        model = dict(type="Head", classes="3")
        """,
    )
    output = project.cold(SOURCES).output
    assert lines_of(output, "configs/scoped.py") == []
    assert lines_of(output, "configs/unscoped.py") == [
        (
            '2: error: model.type: "Head" is not registered in registry "model" (scope "pkg"); '
            'did you mean "sub.Head"?  [registry-name]'
        ),
    ]


def test_a_base_may_leave_out_what_the_configs_on_it_supply(project: Project) -> None:
    project.write(
        "configs/_base_/partial.py",
        """\
        model = dict(backbone=dict(type="Head"))
        other = dict(type="ResNet")
        """,
    )
    project.write(
        "configs/on_partial.py",
        """\
        _base_ = "./_base_/partial.py"
        default_scope = "sub"
        custom_imports = dict(imports=["sub.registry"])
        model = dict(type="Detector")
        """,
    )
    project.write(
        "pyproject.toml",
        PYPROJECT + 'other = "pkg.registry.MODELS"\n',
    )
    output = project.cold(SOURCES).output
    # No "type" in model, a ResNet without depth, "Head" with no default scope: the base
    # leaves these to the configs built on it.
    assert lines_of(output, "configs/_base_/partial.py") == []
    assert lines_of(output, "configs/on_partial.py") == [
        '1: error: other: Missing named argument "depth" for "ResNet"  [call-arg]',
        "1: note: the value comes from _base_/partial.py:2",
        '1: note: "ResNet" defined in "pkg.models"',
    ]


def names_messages_are_made_for(
    monkeypatch: pytest.MonkeyPatch, message: str, name_at: int
) -> list[str]:
    """The names ``_messages.<message>`` is asked about from now on (its argument ``name_at``)."""
    asked: list[str] = []
    original = getattr(_messages, message)

    def counting(*args: Any, **kwargs: Any) -> str:
        asked.append(args[name_at])
        return cast("str", original(*args, **kwargs))

    monkeypatch.setattr(_messages, message, counting)
    return asked


def test_a_bases_miss_is_not_worked_out_but_its_configs_report_it(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The base leaves a name registered nowhere it sees to the configs built on it (they
    # may import what registers it): its message, with its suggestions, is not made there.
    asked = names_messages_are_made_for(monkeypatch, "not_registered", 2)
    project.write("configs/_base_/misspelt.py", 'other = dict(type="ResNett", depth=1)\n')
    project.write("configs/on_misspelt.py", '_base_ = "./_base_/misspelt.py"\n')
    project.write("pyproject.toml", PYPROJECT + 'other = "pkg.registry.MODELS"\n')
    output = project.cold(SOURCES).output
    assert lines_of(output, "configs/_base_/misspelt.py") == []
    assert lines_of(output, "configs/on_misspelt.py") == [
        (
            '1: error: other.type: "ResNett" is not registered in registry "model" '
            '(scope "pkg"); did you mean "ResNet"?  [registry-name]'
        ),
        "1: note: the value comes from _base_/misspelt.py:1",
    ]
    assert asked == ["ResNett"]  # once: for the config built on the base


def test_parts_under_a_node_configs_share_are_checked_once_when_clean(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three configs built on one base hold its hooks node unchanged: its part is checked for
    # the first and taken as checked, without an error, for the other two.
    asked: list[tuple[str, str]] = []
    original = config_files.ConfigFiles.part_errors

    def counting(
        self: config_files.ConfigFiles, api: Any, how: Any, synthesiser: Synthesiser
    ) -> Any:
        asked.append((os.path.basename(synthesiser.file), how.part.path))
        return original(self, api, how, synthesiser)

    monkeypatch.setattr(config_files.ConfigFiles, "part_errors", counting)
    project.write(
        "configs/_base_/hooked.py", 'hooks = dict(logger=dict(type="LoggerHook", interval=5))\n'
    )
    for depth in (18, 34, 50):
        project.write(
            f"configs/hooked_{depth}.py",
            f'_base_ = "./_base_/hooked.py"\nmodel = dict(type="ResNet", depth={depth})\n',
        )
    output = project.cold(SOURCES).output
    for name in ("_base_/hooked", "hooked_18", "hooked_34", "hooked_50"):
        assert lines_of(output, f"configs/{name}.py") == []
    hooked = [(file, path) for file, path in asked if file.startswith("hooked")]
    # The base's own check, then one for the three configs (whichever mypy checks first),
    # and their three models, each its own.
    assert sorted(path for _, path in hooked) == ["hooks.logger", "hooks.logger", *["model"] * 3]
    assert ("hooked.py", "hooks.logger") in hooked


def test_a_shared_node_is_checked_again_where_it_was_not_clean_or_is_checked_otherwise(
    project: Project,
) -> None:
    # Each base's model is merged unchanged into the configs built on it. Where it has an
    # error (no default scope: "Head" is sub's), each such config reports it; the config
    # that checks the same node under another default scope, without an error, does not
    # make the others' clean (the two pairs are named so that either order of checking
    # meets it).
    for pair, (scoped, unscoped) in {
        "p": ("a_scoped", "b_unscoped"),
        "q": ("b_scoped", "a_unscoped"),
    }.items():
        project.write(f"configs/_base_/head_{pair}.py", 'model = dict(type="Head", classes=3)\n')
        imports = 'custom_imports = dict(imports=["sub.registry"])\n'
        base = f'_base_ = "./_base_/head_{pair}.py"\n'
        project.write(f"configs/{pair}_{scoped}.py", base + imports + 'default_scope = "sub"\n')
        for copy in ("", "_again"):
            project.write(f"configs/{pair}_{unscoped}{copy}.py", base + imports)
    output = project.cold(SOURCES).output
    miss = (
        '1: error: model.type: "Head" is not registered in registry "model" (scope "pkg"); '
        'did you mean "sub.Head"?  [registry-name]'
    )
    for pair, (scoped, unscoped) in {
        "p": ("a_scoped", "b_unscoped"),
        "q": ("b_scoped", "a_unscoped"),
    }.items():
        assert lines_of(output, f"configs/_base_/head_{pair}.py") == []
        assert lines_of(output, f"configs/{pair}_{scoped}.py") == []
        for copy in ("", "_again"):
            assert lines_of(output, f"configs/{pair}_{unscoped}{copy}.py") == [
                miss,
                f"1: note: the value comes from _base_/head_{pair}.py:1",
            ]


def test_a_bases_nested_name_found_nowhere_is_not_worked_out_but_its_configs_report_it(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same for a config nested in a plain dict parameter, looked up in every registry:
    # the base works out no suggestion for it, the config built on it does.
    asked = names_messages_are_made_for(monkeypatch, "nowhere", 0)
    project.write(
        "configs/_base_/nested.py",
        'other = dict(type="Detector", backbone=dict(type="ResNet", depth=1),'
        ' head=dict(type="LoggerHok"))\n',
    )
    project.write("configs/on_nested.py", '_base_ = "./_base_/nested.py"\n')
    project.write("pyproject.toml", PYPROJECT + 'other = "pkg.registry.MODELS"\n')
    output = project.cold(SOURCES).output
    assert lines_of(output, "configs/_base_/nested.py") == []
    assert lines_of(output, "configs/on_nested.py") == [
        (
            '1: error: other.head.type: "LoggerHok" is not registered in any registry; '
            'did you mean "LoggerHook"?  [registry-name]'
        ),
        "1: note: the value comes from _base_/nested.py:1",
    ]
    assert asked == ["LoggerHok"]  # once: for the config built on the base


def test_a_config_that_cannot_be_read_is_one_error(project: Project) -> None:
    project.write("configs/broken.py", '_base_ = "./missing.py"\nmodel = dict(type="ResNet")\n')
    output = project.cold(SOURCES).output
    path = project.root / "configs" / "missing.py"
    assert lines_of(output, "configs/broken.py") == [
        (
            "1: error: Invalid config: cannot read the config: "
            f"{project.root}/configs/broken.py:1: the base './missing.py' does not exist "
            f"({path})  [registry-config]"
        ),
    ]


def test_values_of_every_kind(project: Project) -> None:
    project.write(
        "configs/kinds.py",
        """\
        from pkg.models import MobileNet

        first = max([{"a": 1}.copy()], key=len)
        extra = dict(other=1)
        model = dict(type=MobileNet, widen=None, out=(1, "2"))
        spread = dict(type="ResNet", depth=50, frozen=True, **unknown_settings)
        flags = dict(type="ResNet", depth=5.5, norm=None, frozen=True)
        resnet = dict(type="ResNet")
        merged = dict(resnet, depth=3)
        from nowhere import Thing  # type: ignore[import-not-found]
        unknown_class = dict(type=Thing, anything=1)
        """,
    )
    more = ("spread", "flags", "merged", "unknown_class")
    project.write(
        "pyproject.toml", PYPROJECT + "".join(f'{k} = "pkg.registry.MODELS"\n' for k in more)
    )
    output = project.cold(SOURCES).output
    # The class itself as the type (pure-Python configs), None, a tuple, a bool and a float
    # checked against the signature; a spread of what is unknown checks nothing of its dict;
    # and the .copy() under max()'s overloads does not check the file before mypy does.
    # None for a parameter with a default, and a float for an int, are accepted (published
    # projects' annotations are narrower than their code: mypy/_config_values.py).
    assert lines_of(output, "configs/kinds.py") == [
        (
            '5: error: model.out: Argument "out" to "MobileNet" has incompatible type '
            '"tuple[int, str]"; expected "tuple[int, ...]"  [arg-type]'
        ),
    ]


def test_a_changed_base_checks_the_configs_on_it_again(project: Project) -> None:
    project.mypy(sources=SOURCES)
    project.replace("configs/_base_/detector.py", "depth=50", "depth=50, widen=2.0")
    warm = project.mypy(sources=SOURCES).output
    assert warm == project.cold(SOURCES).output
    # The base reports its new mistake; the configs on it that keep ResNet do not again...
    assert lines_of(warm, "configs/_base_/detector.py")[0] == (
        '3: error: model.backbone.widen: Unexpected keyword argument "widen" for "ResNet"  '
        "[call-arg]"
    )
    assert len(lines_of(warm, "configs/detector_r101.py")) == 2
    # ... and the one that makes it a MobileNet, for which widen is right, loses no error.
    assert lines_of(warm, "configs/detector_mobilenet.py")[0].startswith(
        '3: error: model.backbone.depth: Unexpected keyword argument "depth"'
    )


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the config files the plugin reads with their bases from now on."""
    loaded: list[str] = []
    real = config_files.load_config_file

    def counting(path: Path, **options: Any) -> LoadedConfig:
        loaded.append(str(path))
        return real(path, **options)

    monkeypatch.setattr(config_files, "load_config_file", counting)
    return loaded


def test_a_warm_run_reads_no_config_file_that_did_not_change(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = project.mypy(sources=SOURCES).output
    loaded = _count_loads(monkeypatch)
    assert project.mypy(sources=SOURCES).output == cold
    assert loaded == []
    # Touched, not changed: the content is hashed again, the file is not read as a config.
    base = project.root / "configs/_base_/detector.py"
    later = base.stat().st_mtime + 5
    os.utime(base, (later, later))
    assert project.mypy(sources=SOURCES).output == cold
    assert loaded == []


def test_a_memory_dropped_by_a_run_that_checks_nothing_is_written_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = project.mypy(sources=SOURCES).output
    # A module added at the project's root, no source of mypy's: an import could find it,
    # so the memory changes (a pkg:: base of that name would be found there); mypy checks
    # no module and calls no hook after the load.
    (project.root / "mmdet.py").write_text("")
    loaded = _count_loads(monkeypatch)
    assert project.mypy(sources=SOURCES).output == cold
    assert loaded  # the memory did not hold: the configs were read again...
    loaded.clear()
    assert project.mypy(sources=SOURCES).output == cold
    assert loaded == []  # ... and remembered for the next run


def test_a_file_no_import_finds_added_to_the_root_keeps_the_memory(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = project.mypy(sources=SOURCES).output
    (project.root / "notes.txt").write_text("x\n")  # an editor's backup, a log
    loaded = _count_loads(monkeypatch)
    assert project.mypy(sources=SOURCES).output == cold
    assert loaded == []


def test_a_base_changed_to_the_same_size_checks_the_configs_on_it_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.mypy(sources=SOURCES)
    loaded = _count_loads(monkeypatch)
    project.replace("configs/_base_/detector.py", "depth=50", "dpth=500")  # same size
    warm = project.mypy(sources=SOURCES).output
    assert warm == project.cold(SOURCES).output
    # The config that makes the backbone a MobileNet, to which the base's key is unknown.
    assert lines_of(warm, "configs/detector_mobilenet.py")[0].startswith(
        '3: error: model.backbone.dpth: Unexpected keyword argument "dpth" for "MobileNet"'
    )
    assert {os.path.basename(path) for path in loaded} >= {
        "detector.py",
        "detector_r101.py",
        "detector_mobilenet.py",
    }


@pytest.mark.parametrize("damage", ["its check", "its entries"])
def test_a_damaged_memory_of_the_config_files_is_not_taken(project: Project, damage: str) -> None:
    cold = project.mypy(sources=SOURCES).output
    memory = project.root / ".cache/warm/typed_registry-index/configs.json"
    data = json.loads(memory.read_text().partition("\n")[2])
    if damage == "its check":
        memory.write_text("0\n" + json.dumps(data))
    else:  # checked, of this header, but not of the form this version writes
        data["configs"] = {key: [[[10**6, "not hex"]], []] for key in data["configs"]}
        memory.write_text(snapshot_text(json.dumps(data)))
    project.replace("configs/_base_/detector.py", "depth=50", "dpth=500")
    assert project.mypy(sources=SOURCES).output == project.cold(SOURCES).output != cold


def _cold_elsewhere(project: Project, name: str) -> str:
    """A cold run in a process of its own: a build in this process (a cold run, or the
    first seed of the caches), between two of the daemon's runs, resets mypy's global state
    under the daemon."""
    return project.mypy_subprocess(sources=SOURCES, cache=f"cold-{name}").output


def test_the_daemon_restarts_when_a_base_changes(project: Project, server: Server) -> None:
    cold = _cold_elsewhere(project, "first")  # before the daemon's first run: see above
    assert dmypy_run(server, project, SOURCES) == cold
    # A config that is no base: the daemon checks it again itself.
    project.replace("configs/detector_r101.py", "depth=101", 'depth="101"')
    edited = dmypy_run(server, project, SOURCES)
    assert edited == _cold_elsewhere(project, "edited")
    assert "model.backbone.depth" in edited
    # A base: its values are in the configs built on it, which the daemon's dependencies
    # do not see; the plugin's snapshot changes and the daemon restarts.
    project.replace("configs/_base_/detector.py", "depth=50", "depth=50, widen=2.0")
    again = dmypy_run(restarted(server, project, SOURCES), project, SOURCES)
    assert again == project.cold(SOURCES).output
    assert "model.backbone.widen" in again


def test_the_daemon_checks_default_scopes_as_a_cold_run_does(
    project: Project, server: Server
) -> None:
    # Outside the daemon, the scopes a config site sees are found once per site; the daemon
    # asks each file's views again (which records its triggers).
    project.write("configs/scoped.py", 'default_scope = "pgk"\nmodel = dict(type="ResNet")\n')
    project.write("configs/scoped_too.py", 'default_scope = "pkg"\nmodel = dict(type="ResNet")\n')
    cold = _cold_elsewhere(project, "scopes")
    assert 'No registry has the default scope "pgk"' in cold
    assert dmypy_run(server, project, SOURCES) == cold


def test_parallel_checking_gives_the_same_output(project: Project) -> None:
    assert project.mypy_subprocess("-n", "2", sources=SOURCES, cache="n2").output == (
        project.cold(SOURCES).output
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            '[tool.typed_registry]\nconfigs = ["configs"]\n',
            "[tool.typed_registry]: 'configs' must be a table ([tool.typed_registry.configs])",
        ),
        (
            (
                '[tool.typed_registry.configs]\npaths = ["nowhere"]\n'
                '[tool.typed_registry.configs.registries]\nmodel = "pkg.registry.MODELS"\n'
            ),
            "[tool.typed_registry.configs] paths: 'nowhere' does not exist",
        ),
        (
            (
                '[tool.typed_registry.configs]\npaths = ["configs"]\n'
                '[tool.typed_registry.configs.registries]\nmodel = "pkg.registry.MODLES"\n'
            ),
            (
                "[tool.typed_registry.configs.registries] model: 'pkg.registry.MODLES' is not a "
                "registry variable of the project"
            ),
        ),
        (
            '[tool.typed_registry.configs]\npaths = "configs"\n',
            "[tool.typed_registry.configs] paths: must be a list of strings",
        ),
    ],
)
def test_bad_settings_stop_the_run_with_one_message(
    project: Project, capsys: pytest.CaptureFixture[str], settings: str, message: str
) -> None:
    project.write("pyproject.toml", '[tool.mypy]\nplugins = ["typed_registry.mypy"]\n' + settings)
    run = project.mypy(sources=SOURCES, sane=False)
    printed = capsys.readouterr().err  # the plugin writes to the process's stderr
    assert run.status == 2
    assert "Traceback" not in run.stdout + run.stderr + printed
    first = printed.splitlines()[0]
    assert first.startswith("pyproject.toml: typed_registry.mypy: error: ")
    assert message in first


def test_a_base_outside_the_config_paths_is_reported_in_the_config_on_it(
    project: Project,
) -> None:
    project.write("shared/base.py", 'model = dict(type="ResNet", depth="50")\n')
    project.write("configs/on_shared.py", '_base_ = "../shared/base.py"\nmodel = dict(norm="gn")\n')
    output = project.cold(SOURCES).output
    assert lines_of(output, "configs/on_shared.py") == [
        (
            '2: error: model.depth: Argument "depth" to "ResNet" has incompatible type "str"; '
            'expected "int"  [arg-type]'
        ),
        "2: note: the value comes from ../shared/base.py:1",
    ]


def test_equal_parts_of_two_files_each_report_their_error_where_they_write_it(
    project: Project,
) -> None:
    # Equal parts (not one node of a common base) are checked once: the second file takes
    # the first one's errors, each placed at its own value.
    project.write("configs/first.py", 'model = dict(type="ResNet", depth="50")\n')
    project.write("configs/second.py", '\n\nmodel = dict(\n    type="ResNet",\n    depth="50")\n')
    output = project.cold(SOURCES).output
    message = (
        'error: model.depth: Argument "depth" to "ResNet" has incompatible type "str"; '
        'expected "int"  [arg-type]'
    )
    assert lines_of(output, "configs/first.py") == [f"1: {message}"]
    assert lines_of(output, "configs/second.py") == [f"5: {message}"]


def test_an_error_on_no_synthesised_line_stays_on_the_files_first_line() -> None:
    root = ConfigDict({}, Origin("cfg.py", 1, 0))
    synthesiser = Synthesiser(None, "cfg.py", root, {}, set())  # type: ignore[arg-type]
    assert synthesiser.placed(3) == Placed(Origin("cfg.py", 1, 0), "", None)
    with pytest.raises(KeyError, match="no value at 'model'"):
        synthesiser.lines("model")
    # A path under values that hold no such place: each is searched to its end.
    origin = Origin("cfg.py", 1, 0)
    backbone = ConfigList((Scalar(1, origin),), origin)
    model = ConfigDict({"backbone": backbone, "neck": Scalar(2, origin)}, origin)
    nested = Synthesiser(None, "cfg.py", ConfigDict({"model": model}, origin), {}, set())  # type: ignore[arg-type]
    for path in ("model.backbone[3]", "model.head", "model.neck.depth"):
        with pytest.raises(KeyError, match=f"no value at '{re.escape(path)}'"):
            nested.lines(path)


def test_an_unexpected_key_is_placed_at_its_value_even_a_part_of_its_own() -> None:
    here, there = Origin("cfg.py", 1, 0), Origin("cfg.py", 7, 4)
    backbone = ConfigDict({"type": Scalar("ResNet", there)}, there)
    neck = Scalar(3, Origin("cfg.py", 9, 4))
    model = ConfigDict({"type": Scalar("Net", here), "backbone": backbone, "neck": neck}, here)
    root = ConfigDict({"model": model}, here)
    parts: dict[str, Node] = {"model": model, "model.backbone": backbone}
    synthesiser = Synthesiser(None, "cfg.py", root, parts, set())  # type: ignore[arg-type]
    line = synthesiser.lines("model").start

    def unexpected(key: str) -> SimpleNamespace:
        return SimpleNamespace(message=f'Unexpected keyword argument "{key}" for "Net"')

    for key, origin in (("backbone", there), ("neck", neck.origin), ("head", here)):
        placed = synthesiser.placed_error(unexpected(key), line)  # type: ignore[arg-type]
        assert placed.origin == origin, key
    # Not a synthesised line: the file's first line, whatever the message.
    assert synthesiser.placed_error(unexpected("neck"), 3).origin == Origin("cfg.py", 1, 0)  # type: ignore[arg-type]


def test_a_class_mypy_has_not_loaded_and_an_unknown_value_are_checked_as_any() -> None:
    origin = Origin("cfg.py", 1, 0)
    items = (ClassRef("nowhere.Missing", origin), Unknown(origin))
    root = ConfigDict({"model": ConfigList(items, origin)}, origin)
    api = SimpleNamespace(modules={})
    synthesiser = Synthesiser(api, "cfg.py", root, {}, set())  # type: ignore[arg-type]
    expr = synthesiser.expression("model")
    assert isinstance(expr, ListExpr)
    # Neither a class mypy has loaded nor a value the reader could compute: Any.
    for item in expr.items:
        assert isinstance(item, TempNode)
        assert isinstance(item.type, AnyType)


def test_a_part_nested_in_a_part_is_a_unit_of_its_own_whichever_is_laid_out_first() -> None:
    # The lines of a unit, counted from its first, are the same in every file that holds
    # its node: the errors a shared part's check kept are placed by that count.
    origin = Origin("cfg.py", 1, 0)
    inner = ConfigDict({"type": Scalar("Conv", origin)}, origin)
    outer = ConfigDict({"type": Scalar("Net", origin), "a.b": inner, "a": inner}, origin)
    root = ConfigDict({"model": outer}, origin)
    parts: dict[str, Node] = {"model": outer, "model.a": inner}
    sizes = []
    for first in ("model", "model.a"):
        synthesiser = Synthesiser(None, "cfg.py", root, parts, set())  # type: ignore[arg-type]
        synthesiser.lines(first)
        sizes.append((len(synthesiser.lines("model")), len(synthesiser.lines("model.a"))))
    # The nested part under "a" is left to its unit; "a.b", the same node but no part's
    # place, is laid out in the outer unit.
    assert sizes == [(4, 2), (4, 2)]


def test_a_part_of_a_registry_no_view_shows_is_left_alone() -> None:
    # The settings are checked at start (every registry named exists), so a view is always
    # found in practice; without one, nothing is checked rather than anything assumed.
    state = SimpleNamespace(site_view=lambda api, var: None)
    cfg = ConfigLiteral(DictExpr([]), {}, partial=False)
    check_config_part(None, state, "pkg.registry.MODELS", cfg, default_scope=None)  # type: ignore[arg-type]


def test_the_check_start_is_appended_once_and_not_to_an_imports_only_tree(
    project: Project,
) -> None:
    files = SimpleNamespace(
        state=SimpleNamespace(),
        load=lambda path: (_ for _ in ()).throw(ConfigFileError("x")),
        modules=ConfigModules(Options()),
    )
    empty = MypyFile([], [])
    empty._fullname = "detector_r101"  # what mypy's parser sets
    empty.path = str(project.root / "configs" / "detector_r101.py")
    assert on_dependencies(empty, files) == []  # type: ignore[arg-type]
    assert empty.defs == []
    parsed = MypyFile([AssignmentStmt([NameExpr("model")], DictExpr([]))], [])
    parsed._fullname = "detector_r101"
    parsed.path = empty.path
    on_dependencies(parsed, files)  # type: ignore[arg-type]
    on_dependencies(parsed, files)  # type: ignore[arg-type]  # the daemon asks again
    assert len(parsed.defs) == 2


def test_mypy_checks_of_a_config_file_only_what_other_modules_may_use() -> None:
    source = """\
import os
from mmengine.config import read_base
with read_base():
    from .base import *
lr: float
model = dict(type="RetinaNet", depth=lr)
model.update(depth=101)
for stage in range(2):
    del stage
def schedule(epoch: int) -> float:
    return lr * epoch
class Custom: ...
"""
    options = Options()
    tree = parse(source.encode(), "cfg.py", "cfg", Errors(options), options, eager=True)
    declared = tree.defs[3]
    keep_interface(tree)
    kept = [type(statement).__name__ for statement in tree.defs]
    imports = ["Import", "ImportFrom", "ImportAll"]
    assert kept == [*imports, "AssignmentStmt", "AssignmentStmt", "FuncDef", "ClassDef"]
    assert tree.defs[3] is declared  # ``lr: float`` keeps its declared type
    model = tree.defs[4]
    assert isinstance(model, AssignmentStmt)
    assert isinstance(model.rvalue, TempNode)
    assert isinstance(model.rvalue.type, AnyType)


def test_a_module_that_imports_a_config_file_gets_its_names_as_any(project: Project) -> None:
    project.write("uses_config.py", "from detector_r101 import model\n\nreveal_type(model)\n")
    output = project.cold(("configs", "uses_config.py")).output
    assert lines_of(output, "uses_config.py") == ['3: note: Revealed type is "Any"']


def test_a_part_under_a_key_with_a_dot_is_found_past_the_key_before_the_dot() -> None:
    origin = Origin("cfg.py", 1, 0)
    inner = ConfigDict({"type": Scalar("Conv", origin)}, origin)
    other = ConfigDict({"c": Scalar(1, origin)}, origin)
    outer = ConfigDict({"type": Scalar("Net", origin), "a": other, "a.b": inner}, origin)
    root = ConfigDict({"model": outer}, origin)
    synthesiser = Synthesiser(None, "cfg.py", root, {"model.a.b": inner}, set())  # type: ignore[arg-type]
    # "model.a" reads as a prefix of "model.a.b" but holds no "b": the key "a.b" does.
    assert len(synthesiser.lines("model.a.b")) == 2


@pytest.mark.parametrize("from_cache", [False, True], ids=["daemon", "from a fine-grained cache"])
def test_the_daemon_keys_a_module_s_cache_as_a_run_does(
    project: Project, monkeypatch: pytest.MonkeyPatch, from_cache: bool
) -> None:
    # The daemon writes mypy's cache too: its plugin must give each module the data a run's
    # does (its snapshot, which holds the config files' bases, once went into it).
    forget_the_daemon(monkeypatch)
    monkeypatch.setenv("MYPY_CONFIG_FILE_DIR", str(project.root))
    batch, daemon = Options(), Options()
    for options in (batch, daemon):
        options.config_file = project.config_name
    daemon.fine_grained_incremental = True
    daemon.use_fine_grained_cache = from_cache
    context = ReportConfigContext("app", "app.py", is_check=True)
    expected = RegistryPlugin(batch).report_config_data(context)
    assert RegistryPlugin(daemon).report_config_data(context) == expected
