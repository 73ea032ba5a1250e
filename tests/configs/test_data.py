"""JSON, YAML and TOML configs: their values, and the origins each format can give."""

from __future__ import annotations

import pytest

from typed_registry._configs import (
    UNKNOWN,
    ConfigDict,
    ConfigList,
    Origin,
    Scalar,
    Unknown,
    at_path,
    load_config_file,
    to_plain,
)


def test_yaml_values_carry_line_and_column(write):
    path = write("cfg.yaml", "model:\n  type: ResNet\n  depth: fifty\nsteps: [8, 11]\n")
    root = load_config_file(path).root
    file = str(path)
    assert at_path(root, "model.depth") == Scalar("fifty", Origin(file, 3, 9))
    assert at_path(root, "steps") == ConfigList(
        (Scalar(8, Origin(file, 4, 8)), Scalar(11, Origin(file, 4, 11))), Origin(file, 4, 7)
    )


def test_yaml_merge_keys_aliases_and_odd_scalars(write):
    text = """
        defaults: &defaults {type: SGD, lr: 0.1}
        optimizer:
          <<: *defaults
          lr: 0.02
        again: *defaults
        loop: &loop [1, *loop]
        when: 2024-01-02
        blob: !!binary aGVsbG8=
        tags: !!set {a, b}
        pairs: !!omap [{k: 1}]
        1: one
        flag: yes
        nothing: ~
        """
    assert to_plain(load_config_file(write("cfg.yaml", text)).root) == {
        "defaults": {"type": "SGD", "lr": 0.1},
        "optimizer": {"type": "SGD", "lr": 0.02},
        "again": {"type": "SGD", "lr": 0.1},
        "loop": [1, UNKNOWN],
        "when": UNKNOWN,
        "blob": UNKNOWN,
        "tags": UNKNOWN,
        "pairs": UNKNOWN,
        "1": "one",
        "flag": True,
        "nothing": None,
    }


def test_empty_yaml_is_an_empty_config(write):
    path = write("cfg.yml", "# nothing yet\n")
    assert load_config_file(path).root == ConfigDict(origin=Origin(str(path)))


def test_json_values_carry_the_file_only(write):
    path = write("cfg.json", '{"model": {"depth": 50, "steps": [1, 2.5, true, null]}}')
    root = load_config_file(path).root
    assert to_plain(root) == {"model": {"depth": 50, "steps": [1, 2.5, True, None]}}
    assert at_path(root, "model.depth") == Scalar(50, Origin(str(path)))


def test_toml_values_carry_the_file_only_and_dates_are_unknown(write):
    path = write("cfg.toml", 'name = "x"\nwhen = 2024-01-02\n[model]\ndepth = 50\nsteps = [1, 2]\n')
    root = load_config_file(path).root
    assert to_plain(root) == {
        "name": "x",
        "when": UNKNOWN,
        "model": {"depth": 50, "steps": [1, 2]},
    }
    assert root.items["when"] == Unknown(Origin(str(path)))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("child.json", '{"_base_": ["./base.py"], "model": {"depth": 101}}'),
        ("child.yaml", "_base_: ./base.py\nmodel:\n  depth: 101\n"),
        ("child.toml", '_base_ = "./base.py"\n[model]\ndepth = 101\n'),
    ],
)
def test_data_configs_have_bases(write, name, text):
    base = write("base.py", "model = dict(type='ResNet', depth=50)\n")
    root = load_config_file(write(name, text)).root
    assert to_plain(root) == {"model": {"type": "ResNet", "depth": 101}}
    assert at_path(root, "model.type") == Scalar("ResNet", Origin(str(base), 1, 18))


def test_to_plain_and_at_path():
    o = Origin("cfg.py", 1)
    root = ConfigDict({"a": ConfigList((Scalar(1, o),), o, is_tuple=True), "b": Unknown(o)}, o)
    assert to_plain(root) == {"a": (1,), "b": UNKNOWN}
    assert repr(UNKNOWN) == "UNKNOWN"
    assert at_path(root, "a.x") is None
    assert at_path(root, "c") is None
    assert str(o) == "cfg.py:1"
    assert str(Origin("cfg.json")) == "cfg.json"
