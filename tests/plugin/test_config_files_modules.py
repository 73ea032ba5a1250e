"""Config files as mypy sees them: modules whose only errors are the plugin's.

The project: ``pkg`` (a registry, models under a location, a ``read_base``), ``configs/``
(no packages; two ``_base_`` files with the same name in two folders, as large projects
have) and ``projects/Foo/`` (no ``__init__.py``; a package ``foo`` that a config loads
through ``custom_imports``, as MMDetection's ``projects/`` do).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.plugin.scenarios import Project, lines_of
from tests.plugin.test_daemon_inprocess import dmypy_run, server

if TYPE_CHECKING:
    from pathlib import Path

    from mypy.dmypy_server import Server

__all__ = ["server"]  # the daemon's fixture, for this module's project

FILES = {
    "pkg/__init__.py": "",
    "pkg/config.py": """\
        from collections.abc import Iterator
        from contextlib import contextmanager


        @contextmanager
        def read_base() -> Iterator[None]:
            yield
        """,
    "pkg/registry.py": """\
        from typed_registry import Registry

        MODELS: Registry[object] = Registry("model", scope="pkg", locations=["pkg.models"])
        """,
    "pkg/models.py": """\
        from typing import Annotated

        from typed_registry import ConfigFor

        from pkg.registry import MODELS


        @MODELS.register_module()
        class ResNet:
            def __init__(self, depth: int, norm: str = "bn") -> None:
                self.depth = depth


        @MODELS.register_module()
        class Detector:
            # Declared: the backbone's config is built by MODELS as written (keys checked).
            def __init__(
                self, backbone: Annotated[dict[str, object], ConfigFor(MODELS)], classes: int = 80
            ) -> None:
                self.backbone = backbone
        """,
    "projects/Foo/foo/__init__.py": "from . import head as head\n",
    "projects/Foo/foo/head.py": """\
        from pkg.registry import MODELS


        @MODELS.register_module()
        class FooHead:
            def __init__(self, classes: int) -> None:
                self.classes = classes
        """,
    "configs/_base_/models/small/base_224.py": """\
        model = dict(type="Detector", backbone=dict(type="ResNet", depth=18))
        """,
    "configs/_base_/models/large/base_224.py": """\
        model = dict(type="Detector", backbone=dict(type="ResNet", depth=101))
        """,
    # Typed-code mistakes in a config that runs: none is an error of a config.
    "configs/old_style.py": """\
        _base_ = "./_base_/models/small/base_224.py"

        backbone = {{_base_.model.backbone}}
        model = dict(backbone=backbone)
        val_cfg = dict()
        model["classes"] = 20
        model["backbone"]["norm"] = "gn"
        """,
    "configs/mistakes.py": """\
        _base_ = "./_base_/models/large/base_224.py"

        model = dict(backbone=dict(depth="50"), classes=1)
        val_cfg = dict()
        """,
    # A read_base config whose only change is a mutation: no ``name = dict(...)`` at all.
    "configs/mutation.py": """\
        from pkg.config import read_base

        with read_base():
            from ._base_.models.small.base_224 import *

        model.update(backbone=dict(type="ResNet", depht=50))
        model["backbone"].update(norm="gn")
        """,
    "projects/Foo/configs/foo_head.py": """\
        custom_imports = dict(imports=["projects.Foo.foo"], allow_failed_imports=False)
        model = dict(type="FooHead", classes="3")
        """,
}
SETTINGS = """\
[tool.mypy]
plugins = ["typed_registry.mypy"]
{mypy}

[tool.typed_registry]
locations = ["pkg.models"]

[tool.typed_registry.configs]
paths = ["configs", "projects/Foo/configs"]

[tool.typed_registry.configs.registries]
model = "pkg.registry.MODELS"
"""
PYPROJECT = SETTINGS.format(mypy="explicit_package_bases = true")
SOURCES = ("pkg", "configs", "projects")
SCOPED = 'default_scope = "{scope}"\nmodel = dict(type="ResNet", depth=5)\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return Project.create(tmp_path, FILES, config=PYPROJECT)


def test_mypy_reports_none_of_its_own_errors_in_a_config_file(project: Project) -> None:
    output = project.cold(SOURCES).output
    # {{_base_.x}} (a set of a list's attribute for mypy), dict() with no annotation, item
    # assignment on a merged dict: all fine in a config, and the merged value is right.
    assert lines_of(output, "configs/old_style.py") == []
    assert lines_of(output, "configs/mistakes.py") == [
        (
            '3: error: model.backbone.depth: Argument "depth" to "ResNet" has incompatible '
            'type "str"; expected "int"  [arg-type]'
        ),
    ]


def test_a_config_that_only_mutates_its_bases_values_is_checked(project: Project) -> None:
    output = project.cold(SOURCES).output
    assert lines_of(output, "configs/mutation.py") == [
        (
            '6: error: model.backbone.depht: Unexpected keyword argument "depht" for "ResNet"; '
            'did you mean "depth"?  [call-arg]'
        ),
        '6: note: "ResNet" defined in "pkg.models"',
    ]


def test_a_type_ignore_silences_a_finding_of_the_plugin(project: Project) -> None:
    project.replace("configs/mistakes.py", "classes=1)", "classes=1)  # type: ignore[arg-type]")
    assert lines_of(project.cold(SOURCES).output, "configs/mistakes.py") == []


def test_a_projects_folder_loaded_by_custom_imports_is_checked(project: Project) -> None:
    assert lines_of(project.cold(SOURCES).output, "projects/Foo/configs/foo_head.py") == [
        (
            '2: error: model.classes: Argument "classes" to "FooHead" has incompatible type '
            '"str"; expected "int"  [arg-type]'
        ),
    ]


def test_the_same_output_warm_after_an_edit_and_in_parallel(project: Project) -> None:
    cold = project.cold(SOURCES).output
    assert project.mypy(sources=SOURCES).output == cold
    assert project.mypy(sources=SOURCES).output == cold
    project.replace("configs/mutation.py", "depht=50", "depth=50")
    warm = project.mypy(sources=SOURCES).output
    assert warm == project.cold(SOURCES).output
    assert lines_of(warm, "configs/mutation.py") == []


# The cold runs come before and after the daemon's: a build in this process between two of
# the daemon's would reset mypy's global state under it (see test_config_files.py).


def test_the_daemon_gives_what_mypy_gives(project: Project, server: Server) -> None:
    cold = project.cold(SOURCES).output
    assert dmypy_run(server, project, SOURCES) == cold
    project.replace("configs/mistakes.py", 'depth="50"', "depth=50")
    again = dmypy_run(server, project, SOURCES)
    assert again == project.cold(SOURCES).output
    assert lines_of(again, "configs/mistakes.py") == []


def test_without_explicit_package_bases_the_plugin_names_the_setting(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write("pyproject.toml", SETTINGS.format(mypy=""))
    run = project.mypy(sources=SOURCES, sane=False)
    printed = capsys.readouterr().err.splitlines()
    assert printed == [
        (
            "pyproject.toml: typed_registry.mypy: note: mypy names config files "
            "configs/_base_/models/large/base_224.py and configs/_base_/models/small/base_224.py "
            "both 'base_224'; set explicit_package_bases = true in [tool.mypy]"
        ),
    ]
    # mypy's own stop, which no plugin can prevent: the setting is the way out.
    assert run.status == 2
    assert 'Duplicate module named "base_224"' in run.stdout


def test_a_projects_folder_never_stops_mypy(project: Project) -> None:
    # mypy names projects/Foo/foo/head.py "foo.head" without the setting: the plugin adds
    # no dependency on "projects.Foo.foo.head" (mypy would find the file twice and stop),
    # and says why FooHead's keys go unchecked.
    project.write("pyproject.toml", SETTINGS.format(mypy=""))
    project.delete("configs/_base_/models/large/base_224.py")
    project.delete("configs/mistakes.py")
    project.delete("configs/mutation.py")
    output = project.cold(SOURCES).output
    assert lines_of(output, "projects/Foo/configs/foo_head.py") == [
        (
            '1: note: custom_imports: the classes of "projects.Foo.foo" are not checked: mypy '
            "names its files by another module name; set explicit_package_bases = true in "
            "[tool.mypy]"
        ),
    ]


def test_an_unknown_default_scope_is_an_error_naming_it(project: Project) -> None:
    project.write(
        "configs/scoped.py",
        """\
        default_scope = "pgk"
        model = dict(type="ResNet", depth="50")
        """,
    )
    assert lines_of(project.cold(SOURCES).output, "configs/scoped.py") == [
        (
            '1: error: default_scope: No registry has the default scope "pgk"; known scopes: '
            '"pkg"; did you mean "pkg"?  [registry-name]'
        ),
        (
            '2: error: model.depth: Argument "depth" to "ResNet" has incompatible type "str"; '
            'expected "int"  [arg-type]'
        ),
    ]


def test_a_base_leaves_names_to_the_configs_that_import_them(project: Project) -> None:
    project.write("configs/_base_/models/foo.py", 'model = dict(type="FooHead", classes=3)\n')
    project.write(
        "configs/on_foo.py",
        """\
        _base_ = "./_base_/models/foo.py"
        custom_imports = dict(imports=["projects.Foo.foo"])
        """,
    )
    project.write("configs/on_foo_unimported.py", '_base_ = "./_base_/models/foo.py"\n')
    output = project.cold(SOURCES).output
    assert lines_of(output, "configs/_base_/models/foo.py") == []
    assert lines_of(output, "configs/on_foo.py") == []
    assert lines_of(output, "configs/on_foo_unimported.py") == [
        (
            '1: error: model.type: "FooHead" is not registered in registry "model" '
            '(scope "pkg")  [registry-name]'
        ),
        "1: note: the value comes from _base_/models/foo.py:1",
    ]


def test_parallel_checking_gives_the_same_output(project: Project) -> None:
    # The workers of -n read the coordinator's parse without asking the plugin: the plugin
    # makes that parse end with the call that starts the check (test_config_files_parallel).
    parallel = project.mypy_subprocess("-n", "2", sources=SOURCES, cache="n2").output
    assert parallel == project.cold(SOURCES).output


def test_yaml_json_and_toml_configs_stay_with_check(project: Project) -> None:
    project.write("configs/data.yaml", "model:\n  type: ResNet\n  depth: '50'\n")
    assert "configs/data.yaml" not in project.cold(SOURCES).output


def test_imports_that_are_no_module_file_need_no_setting(project: Project) -> None:
    project.write("pyproject.toml", SETTINGS.format(mypy=""))
    for name in ("configs/mistakes.py", "configs/mutation.py"):
        project.delete(name)
    project.delete("configs/_base_/models/large/base_224.py")
    project.write(
        "configs/imports.py",
        """\
        custom_imports = dict(imports=["nowhere.models", "projects.Foo"])
        model = dict(type="ResNet", depth=50)
        """,
    )
    assert lines_of(project.cold(SOURCES).output, "configs/imports.py") == []


def test_a_default_scope_with_no_close_scope_suggests_none(project: Project) -> None:
    project.write(
        "configs/scoped.py", 'default_scope = "zzz"\nmodel = dict(type="ResNet", depth=5)\n'
    )
    assert lines_of(project.cold(SOURCES).output, "configs/scoped.py") == [
        (
            '1: error: default_scope: No registry has the default scope "zzz"; known scopes: '
            '"pkg"  [registry-name]'
        ),
    ]


def test_a_default_scope_is_left_alone_when_a_scope_cannot_be_read(project: Project) -> None:
    project.replace("pkg/registry.py", 'scope="pkg"', "scope=SCOPE")
    project.replace("pkg/registry.py", "MODELS:", 'SCOPE = "pkg".upper()\nMODELS:')
    project.write(
        "configs/scoped.py", 'default_scope = "zzz"\nmodel = dict(type="ResNet", depth=5)\n'
    )
    assert lines_of(project.cold(SOURCES).output, "configs/scoped.py") == []


def test_a_config_folder_mypy_would_refuse_is_left_to_mypy(project: Project) -> None:
    # mypy refuses it as a source itself ("not a valid Python package name"); when the
    # configs are not among the sources, the plugin gives the file no module name.
    project.write("configs/bad-name/__init__.py", "")
    project.write("configs/bad-name/cfg.py", 'model = dict(type="ResNet", depth=5)\n')
    assert project.mypy(sources=("pkg",)).status == 0


def test_the_daemon_checks_the_configs_again_when_a_signature_changes(
    project: Project, server: Server
) -> None:
    first = dmypy_run(server, project, SOURCES)
    project.replace("pkg/models.py", "depth: int, norm", "depth: str, norm")
    again = dmypy_run(server, project, SOURCES)
    assert again == project.cold(SOURCES).output
    assert lines_of(first, "configs/mistakes.py") != []
    assert lines_of(again, "configs/mistakes.py") == []  # depth="50" is right now


def test_config_paths_alone_make_the_files_configuration(project: Project) -> None:
    # No rule names a registry (an MMEngine project's registries are not this library's):
    # mypy's own errors are still off in the config files, no scope is called unknown and
    # nothing is checked against a registry.
    project.write(
        "pyproject.toml",
        "[tool.mypy]\nplugins = ['typed_registry.mypy']\nexplicit_package_bases = true\n\n"
        "[tool.typed_registry.configs]\npaths = ['configs']\n",
    )
    project.write("configs/scoped.py", SCOPED.format(scope="pgk"))
    run = project.cold(("configs",))
    assert (run.status, run.output) == (0, "Success: no issues found in 6 source files\n")


def test_a_module_only_a_config_imports_is_read_again_when_it_registers_more(
    project: Project,
) -> None:
    # No module refers to it, but the config's custom_imports list it as a location of the
    # config's site: a warm run after it changes derives the registrations again (the
    # snapshot keeps a module's facts alone only for modules no location lists).
    project.write(
        "projects/Foo/extra.py",
        """\
        from pkg.registry import MODELS


        @MODELS.register_module()
        class Extra:
            def __init__(self, size: int) -> None:
                self.size = size
        """,
    )
    project.write(
        "configs/extra.py",
        """\
        custom_imports = dict(imports=["projects.Foo.extra"])
        model = dict(type="Extra", size=1)
        """,
    )
    cold = project.cold(SOURCES).output
    assert lines_of(cold, "configs/extra.py") == []
    assert project.mypy(sources=SOURCES).output == cold
    project.replace(
        "projects/Foo/extra.py",
        "self.size = size\n",
        "self.size = size\n\n\n@MODELS.register_module()\nclass Wider(Extra):\n    pass\n",
    )
    project.replace("configs/extra.py", 'type="Extra"', 'type="Wider"')
    warm = project.mypy(sources=SOURCES).output
    assert lines_of(warm, "configs/extra.py") == []
    assert warm == project.cold(SOURCES).output
