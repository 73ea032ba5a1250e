"""``[tool.typed_registry]`` means one thing to every tool: the commands and the mypy plugin.

The same keys are refused with the same message, a misnamed table is answered with a hint
instead of being ignored, and a package location is read whole by ``list``, ``schema`` and
``stubs`` as by the plugin, which is all they need to find the registries.
"""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from mypy.options import Options
from tests.cli.conftest import run

from typed_registry.mypy._config import load_config

COMMANDS = ("check", "list", "schema", "stubs")


def plugin_error(capsys: pytest.CaptureFixture[str], config_file: str) -> str:
    """What the mypy plugin prints when it refuses the settings in ``config_file``."""
    options = Options()
    options.config_file = config_file
    with pytest.raises(SystemExit) as stopped:
        load_config(options)
    assert stopped.value.code == 2
    return capsys.readouterr().err.splitlines()[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_key_is_refused_by_every_command_and_by_mypy_alike(project, capsys, command):
    project.write(
        "pyproject.toml",
        """
        [tool.typed_registry]
        location = ["PKG.child"]
        [tool.typed_registry.configs.registries]
        model = "PKG.registry.MODELS"
        """,
    )
    problem = "[tool.typed_registry]: unknown key 'location'; known keys: locations, configs"
    assert run(capsys, command) == (
        2,
        "",
        f"typed-registry {command}: error: {project.root / 'pyproject.toml'}: {problem}\n",
    )
    assert plugin_error(capsys, "pyproject.toml") == (
        f"pyproject.toml: typed_registry.mypy: error: {problem}"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_a_hyphenated_table_is_answered_with_a_hint_not_ignored(project, capsys, command):
    project.write(
        "pyproject.toml",
        """
        [tool.typed-registry]
        locations = ["PKG.child"]
        """,
    )
    hint = "[tool.typed-registry] is never read: name the table [tool.typed_registry]"
    assert run(capsys, command) == (
        2,
        "",
        f"typed-registry {command}: error: {project.root / 'pyproject.toml'}: {hint}\n",
    )
    assert plugin_error(capsys, "pyproject.toml") == (
        f"pyproject.toml: typed_registry.mypy: error: {hint}"
    )


def test_a_hyphenated_ini_section_is_answered_with_a_hint(project, capsys):
    project.write("mypy.ini", "[mypy]\n[typed-registry]\nlocations = PKG.child\n")
    assert plugin_error(capsys, "mypy.ini") == (
        "mypy.ini: typed_registry.mypy: error: [typed-registry] is never read: "
        "name the table [typed_registry]"
    )


def locations_only(project) -> None:
    """Settings that give the locations and nothing else; the registries live in a package
    whose ``__init__`` imports none of its modules."""
    project.write("pyproject.toml", '[tool.typed_registry]\nlocations = ["PKG.audio"]\n')
    project.write("PKG/audio/__init__.py", "")
    project.write(
        "PKG/audio/registry.py",
        """
        from typed_registry import Registry

        from PKG.registry import MODELS

        DATASETS = Registry("dataset", scope="PKG_audio")
        AUDIO_MODELS = Registry("model", scope="PKG_audio_models", parent=MODELS)
        """,
    )
    project.write(
        "PKG/audio/datasets/speech.py",
        """
        from PKG.audio.registry import AUDIO_MODELS, DATASETS


        @DATASETS.register_module()
        class SpeechCommands:
            def __init__(self, root: str, subset: str = "train") -> None:
                self.root = root


        @AUDIO_MODELS.register_module()
        class Wav2Vec:
            def __init__(self, layers: int) -> None:
                self.layers = layers
        """,
    )


def test_list_reads_every_module_of_a_package_location_and_needs_nothing_else(project, capsys):
    locations_only(project)
    package = project.package
    status, out, err = run(capsys, "list", "--tree")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"{package}.registry.MODELS: registry 'model' (scope '{package}', parent none): 2 entries",
        (
            f"└── {package}.audio.registry.AUDIO_MODELS: registry 'model' "
            f"(scope '{package}_audio_models', parent '{package}'): 1 entry"
        ),
        (
            f"{package}.audio.registry.DATASETS: registry 'dataset' (scope '{package}_audio', "
            "parent none): 1 entry"
        ),
        # Those of the module that MODELS's locations= names.
        (
            f"{package}.registry.HOOKS: registry 'hook' (scope '{package}_hooks', "
            "parent none): 1 entry"
        ),
        (
            f"{package}.registry.OPTIMIZERS: registry 'optimizer' (scope '{package}_optim', "
            "parent none): 1 entry"
        ),
    ]


def test_the_schema_of_a_package_location_takes_every_name_registered_under_it(project, capsys):
    locations_only(project)
    project.write(
        "pyproject.toml",
        """
        [tool.typed_registry]
        locations = ["PKG.audio"]
        [tool.typed_registry.configs.registries]
        dataset = "PKG.audio.registry.DATASETS"
        """,
    )
    status, out, err = run(capsys, "schema")
    assert (status, err) == (0, "")
    check = Draft202012Validator(json.loads(out))
    assert not list(check.iter_errors({"dataset": {"type": "SpeechCommands", "root": "data"}}))
    assert [e.message for e in check.iter_errors({"dataset": {"type": "Speech"}})] == [
        f"'Speech' is not one of ['SpeechCommands', '{project.package}_audio.SpeechCommands']"
    ]


def test_the_schema_from_locations_alone_defines_every_registry_found(project, capsys):
    locations_only(project)
    package = project.package
    status, out, err = run(capsys, "schema")
    assert (status, err) == (0, "")
    definitions = json.loads(out)["$defs"]
    assert sorted(definitions) == [
        f"{package}.audio.registry.DATASETS",
        f"{package}.registry.HOOKS",
        f"{package}.registry.MODELS",
        f"{package}.registry.OPTIMIZERS",
    ]
    assert definitions[f"{package}.audio.registry.DATASETS"]["properties"]["type"]["enum"] == [
        "SpeechCommands",
        f"{package}_audio.SpeechCommands",
    ]


def test_stubs_from_locations_alone_type_the_registries_found(project, capsys):
    locations_only(project)
    status, out, err = run(capsys, "stubs")
    assert (status, out, err) == (0, "wrote 2 stubs under typings\n", "")
    stub = (project.root / "typings" / project.package / "audio" / "registry.pyi").read_text()
    assert "SpeechCommands" in stub
    assert "Wav2Vec" in stub


def test_a_module_under_a_location_that_fails_to_import_is_left_out_with_a_warning(project, capsys):
    locations_only(project)
    project.write("PKG/audio/broken.py", "raise RuntimeError('no sound card')\n")
    status, out, err = run(capsys, "list", "DATASETS")
    package = project.package
    assert status == 0
    assert "SpeechCommands" in out
    assert err == (
        f"typed-registry list: warning: [tool.typed_registry] locations: left out "
        f"'{package}.audio.broken', which '{package}.audio' does not import "
        "(RuntimeError: no sound card)\n"
    )


def test_without_locations_or_registries_the_commands_say_what_to_give(project, capsys):
    project.write("pyproject.toml", "[tool.typed_registry]\n")
    assert run(capsys, "list") == (
        2,
        "",
        (
            f"typed-registry list: error: {project.root / 'pyproject.toml'} has no "
            "[tool.typed_registry] locations and no [tool.typed_registry.configs.registries]: "
            "give the modules that register in [tool.typed_registry] locations, or name the "
            "registries in [tool.typed_registry.configs.registries] or with --registries\n"
        ),
    )


def test_a_registry_location_that_fails_is_one_line(project, capsys):
    locations_only(project)
    project.write(
        "PKG/audio/registry.py",
        """
        from typed_registry import Registry

        DATASETS = Registry("dataset", scope="PKG_audio", locations=["PKG.nowhere"])
        """,
    )
    package = project.package
    assert run(capsys, "list") == (
        2,
        "",
        (
            f"typed-registry list: error: registry 'dataset' (scope '{package}_audio') could "
            f"not import its location '{package}.nowhere': ModuleNotFoundError: No module "
            f"named '{package}.nowhere'\n"
        ),
    )


def test_a_pyproject_whose_tool_is_not_a_table_has_no_settings_for_anyone(project, capsys):
    project.write("pyproject.toml", "tool = 3\n")
    options = Options()
    options.config_file = "pyproject.toml"
    assert load_config(options).locations == ()
    status, _, err = run(capsys, "list", "--settings", "pyproject.toml")
    assert status == 2
    assert err.startswith("typed-registry list: error: pyproject.toml has no [tool.typed_registry]")
