"""Every message of ConfigFileError and SettingsError, word for word."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest

from typed_registry._configs import (
    ConfigDict,
    ConfigFileError,
    ConfigSettings,
    Origin,
    Scalar,
    SettingsError,
    config_files,
    load_config_file,
    merge,
    read_config_settings,
)

if TYPE_CHECKING:
    from pathlib import Path


def error_of(path: Path) -> str:
    with pytest.raises(ConfigFileError) as caught:
        load_config_file(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


# -- parsing, per format --------------------------------------------------------------------


def test_python_syntax_error_names_the_line(write):
    path = write("cfg.py", "a = 1\nb = (\n")
    assert error_of(path) == f"{path}:2: cannot parse the config: '(' was never closed"


def test_json_syntax_error_names_the_line(write):
    path = write("cfg.json", '{\n  "a": 1\n  "b": 2\n}\n')
    message = "Expecting ',' delimiter"
    assert error_of(path) == f"{path}:3: cannot parse the config: {message}"


def test_toml_syntax_error_names_the_file(write):
    path = write("cfg.toml", "a = 1\nb = \n")
    message = "Invalid value (at line 2, column 5)"
    assert error_of(path) == f"{path}: cannot parse the config: {message}"


def test_yaml_syntax_error_names_the_line_context_and_problem(write):
    path = write("cfg.yaml", "a: [1, 2\nb: 3\n")
    problem = "while parsing a flow sequence, expected ',' or ']', but got ':'"
    assert error_of(path) == f"{path}:2: cannot read the config: {problem}"


def test_yaml_second_document_is_an_error(write):
    path = write("cfg.yaml", "a: 1\n---\nb: 2\n")
    problem = "expected a single document in the stream, but found another document"
    assert error_of(path) == f"{path}:2: cannot read the config: {problem}"


def test_yaml_undefined_alias(write):
    path = write("cfg.yml", "a: 1\nb: *nowhere\n")
    assert error_of(path) == f"{path}:2: cannot read the config: found undefined alias 'nowhere'"


def test_yaml_control_character_names_the_line(write):
    path = write("cfg.yaml", 'a: 1\nb: "\x07"\n')
    problem = "special characters are not allowed (#x0007)"
    assert error_of(path) == f"{path}:2: cannot read the config: {problem}"


@pytest.mark.parametrize(
    "value",
    [
        '!!python/object/apply:os.system ["echo unsafe"]',
        "!!python/object/apply:os.system {args: [echo unsafe]}",
        "!!python/name:os.system",
    ],
)
def test_yaml_tags_the_safe_loader_refuses(write, value):
    path = write("cfg.yaml", f"a: 1\ncmd: {value}\n")
    tag = value.split()[0].removeprefix("!!")
    problem = f"could not determine a constructor for the tag 'tag:yaml.org,2002:{tag}'"
    assert error_of(path) == f"{path}:2: cannot read the config: {problem}"


def test_yaml_without_pyyaml(write, monkeypatch):
    monkeypatch.setitem(sys.modules, "yaml", None)
    path = write("cfg.yaml", "a: 1\n")
    expected = f"{path}: reading YAML configs needs PyYAML (pip install pyyaml)"
    assert error_of(path) == expected


@pytest.mark.parametrize(
    ("name", "text"),
    [("cfg.json", "[1, 2]"), ("cfg.yaml", "- a\n- b\n"), ("cfg.yml", "just text\n")],
)
def test_top_level_must_be_a_mapping(write, name, text):
    path = write(name, text)
    assert error_of(path) == f"{path}: a config file must hold a mapping at the top"


# -- files ----------------------------------------------------------------------------------


def test_not_a_config_suffix(write):
    path = write("cfg.ini", "[a]\n")
    expected = f"{path}: not a config file (expected one of .py, .json, .yaml, .yml, .toml)"
    assert error_of(path) == expected


def test_a_folder_cannot_be_read(tmp_path):
    path = tmp_path / "folder.py"
    path.mkdir()
    assert error_of(path) == f"{path}: cannot read the config: Is a directory"


def test_a_file_that_is_not_utf8_cannot_be_read(write):
    path = write("cfg.py", b"a = '\xff'\n")
    reason = "'utf-8' codec can't decode byte 0xff in position 5: invalid start byte"
    assert error_of(path) == f"{path}: cannot read the config: {reason}"


# -- bases ----------------------------------------------------------------------------------


def test_missing_base_names_the_line_that_names_it(write, tmp_path):
    path = write("cfg.py", "a = 1\n_base_ = ['./other.py', './missing.py']\n")
    write("other.py", "b = 1\n")
    missing = tmp_path / "missing.py"
    assert error_of(path) == f"{path}:2: the base './missing.py' does not exist ({missing})"


def test_missing_base_of_a_json_config_names_the_file(write, tmp_path):
    path = write("cfg.json", '{"_base_": "missing.py"}')
    missing = tmp_path / "missing.py"
    assert error_of(path) == f"{path}: the base 'missing.py' does not exist ({missing})"


def test_cyclic_bases_show_the_chain(write, tmp_path):
    a = write("a.py", "_base_ = './b.py'\n")
    b = write("b.py", "_base_ = './c.yaml'\n")
    c = write("c.yaml", "_base_: ./b.py\n")
    del a
    assert error_of(tmp_path / "a.py") == f"{c}: the bases form a cycle: {b} -> {c} -> {b}"


def test_a_file_that_is_its_own_base(write):
    path = write("cfg.py", "_base_ = 'cfg.py'\n")
    assert error_of(path) == f"{path}: the bases form a cycle: {path} -> {path}"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("BASE = 'a.py'\n_base_ = BASE\n", 2),
        ("_base_ = [\n    './a.py',\n    f'./{1}.py',\n]\n", 3),
        ("_base_ = 'a' + '.py'\n", 1),
    ],
)
def test_python_base_must_be_literal_paths(write, text, line):
    path = write("cfg.py", text)
    assert error_of(path) == f"{path}:{line}: _base_ must be a path or a list of paths"


def test_data_base_must_be_paths(write):
    path = write("cfg.yaml", "_base_:\n  - ./a.py\n  - {x: 1}\n")
    assert error_of(path) == f"{path}:3: _base_ must be a path or a list of paths"


def test_bases_may_not_share_keys(write):
    write("a.py", "model = dict(depth=50)\nlr = 0.1\n")
    write("b.py", "lr = 0.2\n")
    path = write("cfg.py", "_base_ = ['./a.py', './b.py']\n")
    expected = f"{path}:1: the base './b.py' sets lr again: bases share no keys"
    assert error_of(path) == expected


def test_a_base_included_twice_through_others_shares_its_keys(write):
    write("common.py", "lr = 0.1\n")
    write("a.py", "_base_ = './common.py'\n")
    write("b.py", "_base_ = './common.py'\n")
    path = write("cfg.py", "_base_ = ['./a.py', './b.py']\n")
    expected = f"{path}:1: the base './b.py' sets lr again: bases share no keys"
    assert error_of(path) == expected


def test_a_dict_cannot_merge_into_a_list_of_the_base(write):
    base = write("base.py", "pipeline = [dict(type='A')]\n")
    path = write("cfg.py", "_base_ = './base.py'\npipeline = dict(type='B')\n")
    expected = (
        f"{path}:2: pipeline is a dict here but not in the base ({base}:1):"
        " set _delete_=True to replace it"
    )
    assert error_of(path) == expected


def test_merge_refuses_a_dict_over_a_scalar_of_a_json_base():
    base = ConfigDict({"lr": Scalar(0.1, Origin("base.json"))}, Origin("base.json"))
    child = ConfigDict({"lr": ConfigDict({}, Origin("c.py", 3, 5))}, Origin("c.py", 1))
    with pytest.raises(ConfigFileError) as caught:
        merge(base, child)
    expected = (
        "c.py:3: lr is a dict here but not in the base (base.json): set _delete_=True to replace it"
    )
    assert str(caught.value) == expected


def test_old_style_reference_to_a_missing_base_key(write):
    write("base.py", "model = dict(backbone=dict(depth=50))\n")
    path = write("cfg.py", "_base_ = './base.py'\na = 1\nneck = {{ _base_.model.neck }}\n")
    assert error_of(path) == f"{path}:3: the base config has no {{{{_base_.model.neck}}}}"


def test_old_style_reference_without_bases(write):
    path = write("cfg.py", "depth = {{_base_.depth}}\n")
    assert error_of(path) == f"{path}:1: the base config has no {{{{_base_.depth}}}}"


def test_read_base_import_of_a_missing_name(write, tmp_path):
    write("_base_/model.py", "model = dict(type='A')\n")
    path = write(
        "configs/cfg.py",
        """
        from mmengine.config import read_base

        with read_base():
            from .._base_.model import model, optimizer
        """,
    )
    base = tmp_path / "_base_" / "model.py"
    assert error_of(path) == f"{path}:4: cannot import 'optimizer' from {base}"


def test_read_base_import_of_a_missing_file(write, tmp_path):
    path = write(
        "configs/cfg.py",
        """
        from mmengine.config import read_base
        with read_base():
            from ._base_.nothing import *
        """,
    )
    missing = tmp_path / "configs" / "_base_" / "nothing.py"
    assert error_of(path) == f"{path}:3: the base '{missing}' does not exist ({missing})"


def test_an_error_in_a_base_names_the_base(write):
    base = write("_base_/model.py", "model = dict(\n")
    path = write("cfg.py", "_base_ = './_base_/model.py'\n")
    assert error_of(path) == f"{base}:1: cannot parse the config: '(' was never closed"


# -- settings -------------------------------------------------------------------------------

SECTION = "[tool.typed_registry.configs]"


def settings_error(table: dict[str, object]) -> str:
    with pytest.raises(SettingsError) as caught:
        read_config_settings(table, "pyproject.toml")
    return str(caught.value)


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"path": ["configs"]}, "path: unknown key (expected paths, registries, runner)"),
        ({"paths": "configs"}, "paths: must be a list of strings"),
        ({"paths": ["configs", 1]}, "paths: must be a list of strings"),
        ({"registries": ["a.MODELS"]}, "registries: must be a table"),
        ({"registries": {"": "a.MODELS"}}, "registries.: must be a dotted path of config keys"),
        (
            {"registries": {"model..backbone": "a.MODELS"}},
            "registries.'model..backbone': must be a dotted path of config keys",
        ),
        (
            {"registries": {"model": "MODELS"}},
            "registries.model: must name a registry variable (module.VARIABLE)",
        ),
        (
            {"registries": {"model": 3}},
            "registries.model: must name a registry variable (module.VARIABLE)",
        ),
        (
            {"registries": {"a.b": {"default_args": []}}},
            "registries.'a.b': must name a registry variable (module.VARIABLE)",
        ),
        (
            {"registries": {"model": {"registry": "a.M", "args": []}}},
            "registries.model: unknown key 'args' (expected registry, default_args)",
        ),
        (
            {"registries": {"model": {"registry": "a.M", "default_args": "params"}}},
            "registries.model: default_args must be a list of strings",
        ),
    ],
)
def test_every_settings_error(table, problem):
    assert settings_error(table) == f"pyproject.toml: {SECTION} {problem}"


def test_a_missing_config_path(tmp_path):
    settings = ConfigSettings(paths=("configs",))
    with pytest.raises(SettingsError) as caught:
        config_files(settings, tmp_path)
    missing = tmp_path / "configs"
    assert str(caught.value) == f"{SECTION} paths: 'configs' does not exist ({missing})"
