"""Under ``mypy -n`` every config file is checked as in one process.

mypy's parallel workers parse each module again without asking the plugin: a config file
with no statement that reaches a plugin hook (no ``x = dict(...)``, ``.update(...)`` or
item assignment) went unchecked there. The project is that of ``test_config_files_modules``
with configs made of such statements only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from mypy.errors import Errors
from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    ExpressionStmt,
    FileRawData,
    MemberExpr,
    MypyFile,
    WithStmt,
)
from mypy.options import Options
from mypy.parse import load_from_raw
from tests.plugin.scenarios import Project, lines_of
from tests.plugin.test_config_files_modules import FILES, PYPROJECT, SOURCES

from typed_registry.mypy._features.config_modules import ConfigModules

if TYPE_CHECKING:
    from pathlib import Path

#: Configs that reach no plugin hook of their own.
HOOKLESS = {
    # A base list and a scalar: the scope is unknown.
    "configs/scope_only.py": """\
        _base_ = ["./_base_/models/small/base_224.py"]
        default_scope = "typo"
        """,
    # A base list alone: the base's name needs a custom_imports this config does not have.
    "configs/_base_/models/foo.py": 'model = dict(type="FooHead", classes=3)\n',
    "configs/bases_only.py": '_base_ = ["./_base_/models/foo.py"]\n',
    # read_base() with a scalar after it: a call, but not one the plugin is asked about.
    "configs/read_base_scope.py": """\
        from pkg.config import read_base

        with read_base():
            from ._base_.models.small.base_224 import *

        default_scope = "typo"
        """,
}
SCOPE_ERROR = (
    'error: default_scope: No registry has the default scope "typo"; known scopes: "pkg"  '
    "[registry-name]"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return Project.create(tmp_path, {**FILES, **HOOKLESS}, config=PYPROJECT)


@pytest.mark.parametrize("parser", [(), ("--no-native-parser",)])
def test_configs_with_no_statement_of_a_hook_are_checked_in_parallel(
    project: Project, parser: tuple[str, ...]
) -> None:
    parallel = project.mypy_subprocess("-n", "2", *parser, sources=SOURCES, cache="n2").output
    assert parallel == project.cold(SOURCES).output
    assert lines_of(parallel, "configs/scope_only.py") == [f"2: {SCOPE_ERROR}"]
    assert lines_of(parallel, "configs/read_base_scope.py") == [f"6: {SCOPE_ERROR}"]
    assert lines_of(parallel, "configs/bases_only.py") == [
        (
            '1: error: model.type: "FooHead" is not registered in registry "model" '
            '(scope "pkg")  [registry-name]'
        ),
        "1: note: the value comes from _base_/models/foo.py:1",
    ]
    # The mutation-only read_base config, as before.
    assert lines_of(parallel, "configs/mutation.py")[0].startswith("6: error: model.backbone")


def test_a_warm_parallel_run_gives_the_same_output(project: Project) -> None:
    cold = project.cold(SOURCES).output
    assert project.mypy_subprocess("-n", "2", sources=SOURCES, cache="n2").output == cold
    assert project.mypy_subprocess("-n", "2", sources=SOURCES, cache="n2").output == cold
    project.replace("configs/scope_only.py", '"typo"', '"pkg"')
    edited = project.mypy_subprocess("-n", "2", sources=SOURCES, cache="n2").output
    assert edited == project.cold(SOURCES).output
    assert lines_of(edited, "configs/scope_only.py") == []


@pytest.mark.parametrize("content", [None, b"model = dict(type='\xff')\n"])
def test_a_file_that_cannot_be_read_again_is_left_as_mypy_parsed_it(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "config.py"
    if content is not None:  # else gone since mypy read it
        path.write_bytes(content)
    file = MypyFile([], [])
    file.path = str(path)
    file.raw_data = FileRawData(b"parsed", b"", [], {}, False, False, "", [])
    ConfigModules(Options()).append_for_workers(file, "{}.copy()")
    assert file.raw_data.defs == b"parsed"


def test_a_tree_mypy_checks_itself_is_left_alone(tmp_path: Path) -> None:
    file = MypyFile([], [])
    file.path = str(tmp_path / "config.py")
    ConfigModules(Options()).append_for_workers(file, "{}.copy()")
    assert file.raw_data is None


def test_the_workers_parse_ends_with_the_statement_after_the_files_last(tmp_path: Path) -> None:
    path = tmp_path / "config.py"
    path.write_text('_base_ = ["./base.py"]\nwith open("x"):\n    pass')  # no final newline
    file = MypyFile([], [])
    file.path = str(path)
    file.raw_data = FileRawData(b"", b"", [], {}, False, False, "", [])
    ConfigModules(Options()).append_for_workers(file, "{}.copy()")
    tree = load_from_raw(str(path), "config", file.raw_data, Errors(Options()), Options())
    *kept, last = tree.defs
    assert [type(statement) for statement in kept] == [AssignmentStmt, WithStmt]
    assert isinstance(last, ExpressionStmt)
    assert isinstance(last.expr, CallExpr)
    assert isinstance(last.expr.callee, MemberExpr)
    assert last.expr.callee.name == "copy"
    assert last.line == 4
