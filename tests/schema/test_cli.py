"""``typed-registry schema`` on a small project: what it prints, and its one-line errors."""

from __future__ import annotations

import json

from tests.schema.conftest import run, validator


def test_it_prints_the_schema_as_sorted_json(project, capsys):
    status, out, err = run(capsys, "schema")
    assert (status, err) == (0, "")
    schema = json.loads(out)
    assert out == json.dumps(schema, indent=2, sort_keys=True) + "\n"
    package = project.package
    assert sorted(schema["$defs"]) == [
        f"{package}.registry.HOOKS",
        f"{package}.registry.MODELS",
        f"{package}.registry.OPTIMIZERS",
        "complete:hooks.*",
        "complete:model",
        "complete:optimizer",
        "part:hooks.*",
        "part:model",
        "part:model.backbone",
        "part:optimizer",
    ]
    names = schema["$defs"][f"{package}.registry.MODELS"]["properties"]["type"]["enum"]
    assert names == [
        "ChildNet",
        "Detector",
        "ResNet",
        f"{package}.Detector",
        f"{package}.ResNet",
        f"{package}_child.ChildNet",
        f"{package}_child.Detector",
        f"{package}_child.ResNet",
    ]
    check = validator(schema)
    assert not list(check.iter_errors({"model": {"type": "ChildNet", "size": 1}}))
    config = {"optimizer": {"type": "SGD"}}  # params: a default argument of the builder
    assert [e.message for e in check.iter_errors(config)] == ["'lr' is a required property"]


def test_out_writes_the_file_and_prints_nothing(project, capsys):
    status, out, err = run(capsys, "schema", "--out", "schema.json")
    assert (status, out, err) == (0, "", "")
    _, again, _ = run(capsys, "schema")
    assert (project.root / "schema.json").read_text(encoding="utf-8") == again


def test_registries_option_replaces_the_settings_rules(project, capsys):
    status, out, _ = run(capsys, "schema", "--registries", f"hook={project.package}.registry.HOOKS")
    assert status == 0
    assert sorted(json.loads(out)["properties"]) == ["_base_", "hook"]


def test_a_config_for_registry_outside_the_modules_read_is_named_by_scope(project, capsys):
    project.write(
        "PKG/extra.py",
        """
        from typing import Annotated, Any

        from typed_registry import ConfigFor

        from PKG import losses
        from PKG.registry import MODELS


        @MODELS.register_module()
        class Head:
            def __init__(
                self, loss: Annotated[dict[str, Any], ConfigFor(losses.LOSSES)]
            ) -> None:
                self.loss = losses.LOSSES.build(loss)
        """,
    )
    project.write(
        "PKG/losses.py",
        """
        from typed_registry import Registry

        LOSSES = Registry("loss", scope="PKG_losses")


        @LOSSES.register_module()
        class L1:
            def __init__(self, weight: float = 1.0) -> None:
                self.weight = weight
        """,
    )
    project.write(
        "pyproject.toml",
        """
        [tool.typed_registry]
        locations = ["PKG.extra"]
        [tool.typed_registry.configs.registries]
        model = "PKG.registry.MODELS"
        """,
    )
    status, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert status == 0
    assert f"{project.package}_losses::loss" in schema["$defs"]
    errors = validator(schema).iter_errors({"model": {"type": "Head", "loss": {"type": "L2"}}})
    assert [e.json_path for e in errors] == ["$.model.loss.type"]


def test_no_settings_is_one_line_and_status_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "schema") == (
        2,
        "",
        (
            "typed-registry schema: error: no settings file found: give the modules that "
            "register in [tool.typed_registry] locations, or name the registries in "
            "[tool.typed_registry.configs.registries] or with --registries\n"
        ),
    )


def test_a_location_that_fails_to_import_is_one_line(project, capsys):
    project.write(
        "pyproject.toml",
        """
        [tool.typed_registry]
        locations = ["PKG.missing"]
        [tool.typed_registry.configs.registries]
        model = "PKG.registry.MODELS"
        """,
    )
    package = project.package
    assert run(capsys, "schema") == (
        2,
        "",
        (
            f"typed-registry schema: error: [tool.typed_registry] locations: cannot import "
            f"'{package}.missing' (ModuleNotFoundError: No module named '{package}.missing')\n"
        ),
    )


def test_a_registry_whose_own_locations_fail_is_one_line(project, capsys):
    project.write(
        "PKG/broken.py",
        """
        from typed_registry import Registry

        BROKEN = Registry("broken", scope="PKG_broken", locations=["PKG.nowhere"])
        """,
    )
    package = project.package
    assert run(capsys, "schema", "--registries", f"x={package}.broken.BROKEN") == (
        2,
        "",
        (
            f"typed-registry schema: error: registry 'broken' (scope '{package}_broken') could not "
            f"import its location '{package}.nowhere': ModuleNotFoundError: No module named "
            f"'{package}.nowhere'\n"
        ),
    )


def test_an_unwritable_out_is_one_line(project, capsys):
    assert run(capsys, "schema", "--out", "no/such/folder/schema.json") == (
        2,
        "",
        (
            "typed-registry schema: error: no/such/folder/schema.json: cannot write the schema "
            "(No such file or directory)\n"
        ),
    )
