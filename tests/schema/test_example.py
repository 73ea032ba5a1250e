"""The example project's configs against its schema, checked by a real validator.

Correct configs validate, as written (a JSON or YAML file with ``_base_`` is partial) and
merged with their bases; each kind of mistake fails at the path where it was written.
"""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml
from tests.schema.conftest import EXAMPLE, SCRIPT, make_schema, validator

from typed_registry._configs import load_config_file, to_plain

CONFIGS = sorted(
    path for path in (EXAMPLE / "configs").rglob("*") if path.suffix in {".py", ".json", ".yaml"}
)
DATA_FILES = [path for path in CONFIGS if path.suffix in {".json", ".yaml"}]
CORRECT = [path for path in CONFIGS if not path.name.startswith("mistakes_")]


def _errors(schema, value):
    return sorted(
        (error.json_path, error.validator, error.message)
        for error in validator(schema).iter_errors(value)
    )


def _merged(path):
    # Through JSON: a base written in Python has tuples, which JSON (and YAML) write as lists.
    return json.loads(json.dumps(to_plain(load_config_file(path).root)))


def _read(path):
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.name)
def test_a_json_or_yaml_config_validates_as_written(example_schema, path):
    assert _errors(example_schema, _read(path)) == []


@pytest.mark.parametrize("path", CORRECT, ids=lambda path: path.name)
def test_a_correct_config_validates_merged_with_its_bases(example_schema, path):
    assert _errors(example_schema, _merged(path)) == []


def test_the_seeded_mistakes_fail_where_the_checker_reports_them(example_schema):
    path = EXAMPLE / "configs" / "retinanet" / "mistakes_retinanet_r50_fpn_1x_coco.py"
    found = [(where, keyword) for where, keyword, _ in _errors(example_schema, _merged(path))]
    assert found == [
        ("$.default_hooks.logger", "additionalProperties"),
        # The detector declares its backbone and neck (ConfigFor): their keys are checked.
        ("$.model.backbone.depth", "type"),
        ("$.model.neck", "additionalProperties"),
        ("$.train_dataloader.dataset.pipeline", "anyOf"),
        ("$.train_dataloader.dataset.pipeline[2].type", "enum"),
        ("$.train_dataloader.sampler.type", "enum"),
    ]


def _yaml_config():
    value = _read(EXAMPLE / "configs" / "retinanet" / "retinanet_r50_fpn_amp_1x_coco.yaml")
    assert isinstance(value, dict)
    return value


def test_a_misspelt_type_fails_on_type_with_the_names_it_may_be(example_schema):
    config = _yaml_config()
    config["optim_wrapper"] = {"type": "AmpOptimWraper"}
    [(where, keyword, message)] = _errors(example_schema, config)
    assert (where, keyword) == ("$.optim_wrapper.type", "enum")
    assert message.startswith("'AmpOptimWraper' is not one of ['AmpOptimWrapper', ")


def test_an_unknown_key_fails_on_its_config(example_schema):
    config = _yaml_config()
    config["optim_wrapper"] = {"type": "AmpOptimWrapper", "loss_scal": "dynamic"}
    assert _errors(example_schema, config) == [
        (
            "$.optim_wrapper",
            "additionalProperties",
            "Additional properties are not allowed ('loss_scal' was unexpected)",
        )
    ]


def test_a_value_of_the_wrong_type_fails_on_its_key(example_schema):
    config = _yaml_config()
    config["default_hooks"] = {"logger": {"type": "LoggerHook", "interval": "50"}}
    assert _errors(example_schema, config) == [
        ("$.default_hooks.logger.interval", "type", "'50' is not of type 'number', 'null'")
    ]


def test_a_missing_required_key_fails_in_a_config_without_bases(example_schema):
    config = {"optim_wrapper": {"type": "OptimWrapper"}}
    assert _errors(example_schema, config) == [
        ("$.optim_wrapper", "required", "'optimizer' is a required property")
    ]


def test_a_config_with_bases_may_leave_required_keys_and_type_to_them(example_schema):
    config = {"_base_": ["./base.py"], "optim_wrapper": {"type": "OptimWrapper"}, "model": {}}
    assert _errors(example_schema, config) == []
    assert _errors(example_schema, {"model": {}}) == [
        ("$.model", "required", "'type' is a required property")
    ]


def test_default_args_are_never_required(example_schema):
    # The runner passes a loop its runner and dataloader.
    config = {"train_cfg": {"type": "EpochBasedTrainLoop", "max_epochs": 12}}
    assert _errors(example_schema, config) == []


def test_a_list_part_is_a_list_of_configs(example_schema):
    assert _errors(example_schema, {"custom_hooks": [{"type": "NumClassCheckHook"}, None]}) == []
    assert _errors(example_schema, {"custom_hooks": [{"type": "NumClasCheckHook"}]})[0][:2] == (
        "$.custom_hooks[0].type",
        "enum",
    )


def test_other_top_level_keys_are_left_alone(example_schema):
    assert _errors(example_schema, {"work_dir": 3, "env_cfg": {"anything": [1]}}) == []


def test_the_output_is_the_same_json_every_time(tmp_path):
    out = tmp_path / "schema.json"
    subprocess.run([str(SCRIPT), "schema", "--out", str(out)], cwd=EXAMPLE, check=True)
    printed = subprocess.run(
        [str(SCRIPT), "schema"], cwd=EXAMPLE, capture_output=True, text=True, check=True
    ).stdout
    assert out.read_text(encoding="utf-8") == printed
    assert printed == json.dumps(json.loads(printed), indent=2, sort_keys=True) + "\n"
    assert make_schema(EXAMPLE) == json.loads(printed)
