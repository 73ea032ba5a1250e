"""A cold run reads the installed MMEngine in a helper process, with the output of one without.

The project registers a model in MMEngine's own ``MODELS`` and writes configs for MMEngine's
Runner: the names its configs use come from the installed ``mmengine`` (``OptimWrapper``,
``SGD`` is opened by MMEngine's loop over torch's optimizers), which a cold run reads, in a
helper when there is much to read (``typed_registry._index._prefetch``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import mmengine
import pytest
from mypy.options import Options
from tests.plugin.scenarios import Project

import typed_registry.mypy
from typed_registry._index import ProjectIndex, _prefetch
from typed_registry._index._prefetch import Helper
from typed_registry.mypy import _plugin
from typed_registry.mypy._features.config_files import ConfigFiles
from typed_registry.mypy._plugin import RegistryPlugin

#: The test environment's site-packages, where mmengine-lite is installed.
ENVIRONMENT = Path(mmengine.__file__).resolve().parents[1]

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy.nodes import MypyFile

    from typed_registry._configs import LoadedConfig
    from typed_registry._index._reader import ModuleSource

SETTINGS = """\
[tool.mypy]
plugins = ["typed_registry.mypy"]
ignore_missing_imports = true

[tool.typed_registry]
locations = ["app"]

[tool.typed_registry.configs]
paths = ["configs"]
runner = "mmengine"
"""

FILES = {
    "app/__init__.py": "from app import models\n",
    "app/models.py": """\
        from mmengine.registry import MODELS

        @MODELS.register_module()
        class Net:
            def __init__(self, depth: int) -> None:
                self.depth = depth
        """,
    "configs/good.py": """\
        model = dict(type="Net", depth=50)
        optim_wrapper = dict(type="OptimWrapper", optimizer=dict(type="SGD", lr=0.1))
        """,
    "configs/bad.py": """\
        model = dict(type="Nett", depth=50)
        optim_wrapper = dict(type="OptimWrapperr", optimizer=dict(type="SGD", lr=0.1))
        default_hooks = dict(logger=dict(type="LogerHook", interval=10))
        """,
    "configs/unreadable.py": '_base_ = "missing.py"\n',
    # Under ``configs`` as in OpenMMLab's folders, and no config of a module mypy checks.
    "configs/metafile.yml": "Models:\n  - Name: net\n",
}


def cold_output(project: Project, name: str) -> str:
    return project.mypy(sources=["app", "configs"], cache=name, seeded=False).output


def test_a_cold_run_with_a_helper_reports_what_one_without_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[str] = []
    idled: list[bool] = []
    original = Helper.take

    def counting(
        self: Helper, module: str, digest: str, idle: Callable[[], bool]
    ) -> ModuleSource | None:
        # The helper may be quick or slow: here, the first module asked for waits until the
        # work to do meanwhile is done (the config files loaded ahead, one unreadable) and
        # the helper has finished; every later one is then taken from it.
        while not idled and (idle() or not self.done()):
            time.sleep(0.005)
        idled.append(True)
        found = original(self, module, digest, idle)
        if found is not None:
            taken.append(module)
        return found

    monkeypatch.setattr(Helper, "take", counting)
    monkeypatch.chdir(tmp_path)
    project = Project.create(tmp_path, FILES, config=SETTINGS)
    monkeypatch.setattr(_prefetch, "MIN_FILES", 10**9)
    without = cold_output(project, "without")
    assert taken == []
    monkeypatch.setattr(_prefetch, "MIN_FILES", 1)
    loaded: list[str] = []
    load = ConfigFiles.load

    def noting(self: ConfigFiles, path: Path) -> LoadedConfig:
        loaded.append(path.name)
        return load(self, path)

    monkeypatch.setattr(ConfigFiles, "load", noting)
    with_helper = cold_output(project, "with")
    # Each Python config file is loaded (ahead, then asked for); the YAML file never: it is
    # no module mypy checks.
    assert sorted(set(loaded)) == ["bad.py", "good.py", "unreadable.py"]
    assert "mmengine.optim" in taken  # the registry module itself is read when settings are checked
    assert with_helper == without
    # The mistakes are found with the names MMEngine registers (a check that checks nothing
    # would pass the comparison too).
    unreadable = tmp_path / "configs" / "unreadable.py"
    assert with_helper.splitlines() == [
        (
            'configs/bad.py:1: error: model.type: "Nett" is not registered in registry "model" '
            '(scope "mmengine"); did you mean "Net"?  [registry-name]'
        ),
        (
            'configs/bad.py:2: error: optim_wrapper.type: "OptimWrapperr" is not registered in '
            'registry "optim_wrapper" (scope "mmengine"); did you mean "OptimWrapper", '
            '"AmpOptimWrapper", or "ApexOptimWrapper"?  [registry-name]'
        ),
        (
            'configs/bad.py:3: error: default_hooks.logger.type: "LogerHook" is not registered '
            'in registry "hook" (scope "mmengine"); did you mean "LoggerHook"?  [registry-name]'
        ),
        (
            "configs/unreadable.py:1: error: Invalid config: cannot read the config: "
            f"{unreadable}:1: the base 'missing.py' does not exist "
            f"({tmp_path / 'configs' / 'missing.py'})  [registry-config]"
        ),
        "Found 4 errors in 2 files (checked 5 source files)",
    ]


def test_a_warm_run_starts_no_helper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    project = Project.create(tmp_path, FILES, config=SETTINGS)
    monkeypatch.setattr(_prefetch, "MIN_FILES", 1)
    cold = cold_output(project, "cache")
    started: list[object] = []
    monkeypatch.setattr(_prefetch, "start", started.append)
    warm = cold_output(project, "cache")
    assert started == []
    assert warm == cold


@pytest.mark.parametrize("where", ["the daemon", "-n"])
def test_the_daemon_and_parallel_checking_start_no_helper(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The daemon reads once, then follows edits; under -n the workers take the
    # coordinator's index.
    monkeypatch.setattr(_prefetch, "MIN_FILES", 1)
    started: list[object] = []
    monkeypatch.setattr(_prefetch, "start", started.append)
    index = ProjectIndex([tmp_path], ["app"], [ENVIRONMENT])
    options = Options()
    if where == "-n":
        options.num_workers = 2
    in_daemon = where == "the daemon"
    assert _plugin._start_helper(options, index, None, in_daemon=in_daemon) is None
    assert started == []
    assert _plugin._start_helper(Options(), index, None, in_daemon=False) is None  # append's
    assert len(started) == 1


def test_the_plugins_the_daemon_makes_again_start_no_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On each `dmypy run` the daemon constructs the plugin again, with options that do not
    # say it runs in the daemon, only to compare snapshots.
    monkeypatch.chdir(tmp_path)
    project = Project.create(tmp_path, FILES, config=SETTINGS)
    monkeypatch.setattr(_prefetch, "MIN_FILES", 1)
    started: list[object] = []
    monkeypatch.setattr(_prefetch, "start", started.append)
    monkeypatch.setattr(RegistryPlugin, "_in_daemon", True)
    # A daemon's plugin renames the plugin's version for its snapshot: restored after.
    monkeypatch.setattr(typed_registry.mypy, "__version__", "batch", raising=False)
    project.mypy(sources=["app", "configs"], cache="cache", seeded=False)
    assert started == []


def test_a_config_depends_on_the_projects_modules_not_on_mmengines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # mmengine ships no types: mypy never analyses its modules, and a dependency on the
    # module of each hook, loop and optim wrapper a config builds only made it look for
    # each again, for every config file (see _dependencies.LoadedByMypy).
    deps: dict[str, list[str]] = {}
    original = RegistryPlugin.get_additional_deps

    def noting(self: RegistryPlugin, file: MypyFile) -> list[tuple[int, str, int]]:
        found = original(self, file)
        deps[file.fullname] = [module for _, module, _ in found]
        return found

    monkeypatch.setattr(RegistryPlugin, "get_additional_deps", noting)
    monkeypatch.chdir(tmp_path)
    project = Project.create(tmp_path, FILES, config=SETTINGS)
    output = cold_output(project, "deps")
    assert deps["good"] == ["app.models"]  # the configs folder is a source root here
    assert deps["bad"] == []  # its names are misspelt: nothing it builds is known
    # Still checked against what mmengine registers (OptimWrapper, LoggerHook).
    assert 'did you mean "OptimWrapper"' in output
