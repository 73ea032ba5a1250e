"""The plugin's settings: where they are read, what a bad one does, and the cache key."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

import mypy.api
import pytest
from mypy.options import Options
from mypy.plugin import ReportConfigContext
from mypy.util import TYPESHED_DIR
from tests.plugin.scenarios import BIN, PYPROJECT, Project, lines_of

from typed_registry.mypy._plugin import PLUGIN_VERSION, RegistryPlugin

if TYPE_CHECKING:
    from pathlib import Path

RESNET_FOUND = '8: note: Revealed type is "mypkg.models.resnet.ResNet"'
MYPY_SECTION = '[tool.mypy]\nplugins = ["typed_registry.mypy"]\n\n'
MYPY_INI_SECTION = "[mypy]\nplugins = typed_registry.mypy\n\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return Project.create(tmp_path)


def test_pyproject_settings_enable_the_plugin_and_its_locations(project: Project) -> None:
    assert RESNET_FOUND in lines_of(project.cold().output, "app.py")


@pytest.mark.parametrize(
    ("config_name", "config"),
    [
        pytest.param(
            "mypy.ini",
            MYPY_INI_SECTION + "[typed_registry]\nlocations = mypkg.models\n",
            id="mypy.ini",
        ),
        pytest.param(
            "setup.cfg",
            MYPY_INI_SECTION
            + "[typed_registry]\nlocations =\n    mypkg.models,\n    mypkg.models.resnet\n",
            id="setup.cfg-list",
        ),
    ],
)
def test_ini_settings_give_the_same_results(
    project: Project, tmp_path: Path, config_name: str, config: str
) -> None:
    expected = project.cold().output
    (tmp_path / "pyproject.toml").unlink()
    ini = Project.create(tmp_path, {}, config=config, config_name=config_name)
    assert ini.cold().output == expected


@pytest.mark.parametrize(
    ("setting", "fragments"),
    [
        pytest.param(
            (
                "pyproject.toml",
                MYPY_SECTION + '[tool.typed_registry]\nlocation = ["mypkg.models"]\n',
            ),
            ["[tool.typed_registry]", "unknown key 'location'", "known keys: locations"],
            id="toml-unknown-key",
        ),
        pytest.param(
            (
                "pyproject.toml",
                MYPY_SECTION + '[tool.typed_registry]\nlocations = "mypkg.models"\n',
            ),
            ["[tool.typed_registry]", "'locations' must be a list of module names"],
            id="toml-string-not-list",
        ),
        pytest.param(
            (
                "pyproject.toml",
                MYPY_SECTION + '[tool.typed_registry]\nlocations = ["mypkg.models", 3]\n',
            ),
            ["[tool.typed_registry]", "'locations' must be a list of module names"],
            id="toml-item-not-string",
        ),
        pytest.param(
            ("pyproject.toml", MYPY_SECTION + '[tool]\ntyped_registry = ["mypkg.models"]\n'),
            ["[tool.typed_registry] must be a table"],
            id="toml-section-not-table",
        ),
        pytest.param(
            (
                "pyproject.toml",
                MYPY_SECTION + '[tool.typed_registry]\nlocations = ["mypkg.nope"]\n',
            ),
            ["[tool.typed_registry]", "'locations'", "'mypkg.nope' was not found", "mypy_path"],
            id="toml-location-not-found",
        ),
        pytest.param(
            (
                "pyproject.toml",
                MYPY_SECTION + '[tool.typed_registry]\nlocations = ["mypkg/models"]\n',
            ),
            ["[tool.typed_registry]", "'locations'", "'mypkg/models' is not a dotted module"],
            id="toml-not-dotted",
        ),
        pytest.param(
            (
                "mypy.ini",
                MYPY_INI_SECTION + "[typed_registry]\nlocaton = mypkg.models\n",
            ),
            ["[typed_registry]", "unknown key 'locaton'"],
            id="ini-unknown-key",
        ),
        pytest.param(
            (
                "mypy.ini",
                MYPY_INI_SECTION + "[typed_registry]\nlocations = mypkg.nope\n",
            ),
            ["[typed_registry]", "'locations'", "'mypkg.nope' was not found"],
            id="ini-location-not-found",
        ),
    ],
)
def test_a_bad_setting_stops_the_run_with_a_clear_message(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    setting: tuple[str, str],
    fragments: list[str],
) -> None:
    config_name, config = setting
    monkeypatch.chdir(tmp_path)
    project = Project.create(tmp_path, config=config, config_name=config_name)
    run = project.mypy(cache="bad", sane=False)
    # The plugin writes to the process's stderr: mypy gives plugins no stream of their own.
    printed = capsys.readouterr().err
    assert run.status == 2
    assert "Traceback" not in run.stdout + run.stderr + printed
    message = printed.splitlines()[0]
    assert message.startswith(f"{config_name}: typed_registry.mypy: error: "), printed
    for fragment in fragments:
        assert fragment in message, (fragment, printed)
    assert "typed_registry.mypy settings (all optional):" in printed  # the usage follows


def test_the_command_line_reports_a_bad_setting_without_a_traceback(tmp_path: Path) -> None:
    config = MYPY_SECTION + '[tool.typed_registry]\nlocations = ["mypkg.nope"]\n'
    Project.create(tmp_path, config=config)
    done = subprocess.run(
        [str(BIN / "mypy"), "app.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(
        "pyproject.toml: typed_registry.mypy: error: [tool.typed_registry]: 'locations': "
        "'mypkg.nope' was not found"
    ), done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_the_cache_key_holds_the_version_the_settings_and_what_the_module_sees(
    project: Project,
) -> None:
    def cache_key(module: str = "app", path: str = "app.py") -> object:
        options = Options()
        options.config_file = "pyproject.toml"
        plugin = RegistryPlugin(options)
        return plugin.report_config_data(ReportConfigContext(module, path, is_check=False))

    own = cache_key()
    assert isinstance(own, dict)
    assert sorted(own) == ["index", "locations", "version"]
    assert own["version"] == PLUGIN_VERSION
    assert own["locations"] == ["mypkg.models"]
    # A module that uses no registry has no index digest.
    assert cache_key("mypkg", "mypkg/__init__.py") == {
        "locations": ["mypkg.models"],
        "version": PLUGIN_VERSION,
    }
    # An empty new file registers nothing: what app sees is the same.
    (project.root / "mypkg" / "models" / "empty.py").write_text("")
    assert cache_key() == own
    # A name app never builds, registered under the locations: what app reads is the same.
    (project.root / "mypkg" / "models" / "vgg.py").write_text(
        "from mypkg.registry import MODELS\n\n\n@MODELS.register_module()\nclass VGG:\n"
        "    def forward(self, x: int) -> int:\n        return x\n"
    )
    assert cache_key() == own
    # A name it builds ("ResNe", misspelt there) registered: its digest changes.
    (project.root / "mypkg" / "models" / "resne.py").write_text(
        "from mypkg.registry import MODELS\n\n\n@MODELS.register_module()\nclass ResNe:\n"
        "    def forward(self, x: int) -> int:\n        return x\n"
    )
    newer = cache_key()
    assert isinstance(newer, dict)
    assert newer["index"] != own["index"]
    assert {**newer, "index": own["index"]} == own
    options = Options()
    options.config_file = "pyproject.toml"
    plugin = RegistryPlugin(options)
    # typeshed's standard library uses no registry: its cache survives a change of settings.
    stub = f"{TYPESHED_DIR}/stdlib/builtins.pyi"
    stdlib = plugin.report_config_data(ReportConfigContext("builtins", stub, is_check=False))
    assert stdlib == {"version": PLUGIN_VERSION}


LOCATIONS_ELSEWHERE = PYPROJECT.replace('["mypkg.models"]', '["mypkg.det"]')


def test_changing_the_locations_invalidates_the_cache(project: Project) -> None:
    before = project.mypy().output
    assert RESNET_FOUND in lines_of(before, "app.py")
    project.edit("pyproject.toml", LOCATIONS_ELSEWHERE)
    after = project.mypy("--verbose")
    assert "Metadata abandoned for app: plugin configuration differs" in after.stderr
    assert after.output == project.cold().output


def test_a_location_written_in_code_only_is_read_like_a_configured_one(project: Project) -> None:
    # The registry declares locations=["mypkg.models"] in code; the settings name another.
    project.edit("pyproject.toml", LOCATIONS_ELSEWHERE)
    output = project.cold().output
    assert RESNET_FOUND in lines_of(output, "app.py")
    assert lines_of(output, "mypkg/registry.py") == []


NAMESPACE_PROJECT = {
    # No __init__.py anywhere under nspkg: a namespace package (PEP 420), which imports fine.
    "nspkg/registry.py": """\
        from typed_registry import Registry

        MODELS: Registry[object] = Registry("models", scope="ns")
        """,
    "nspkg/models/resnet.py": """\
        from nspkg.registry import MODELS


        @MODELS.register_module()
        class ResNet:
            def __init__(self, depth: int) -> None:
                self.depth = depth
        """,
    "app.py": """\
        from nspkg.registry import MODELS

        MODELS.build(dict(type="ResNet", depth=50))
        MODELS.build(dict(type="ResNett", depth=50))
        """,
}


def test_a_namespace_package_is_a_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = PYPROJECT.replace('["mypkg.models"]', '["nspkg.models"]')
    project = Project.create(tmp_path, NAMESPACE_PROJECT, config=config)
    output = project.cold(sources=("app.py",)).output
    assert lines_of(output, "app.py") == [
        (
            '4: error: "ResNett" is not registered in registry "models" (scope "ns"); '
            'did you mean "ResNet"?  [registry-name]'
        )
    ]


def test_a_program_given_with_c_is_not_in_the_index_and_gets_no_registry_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    program = (
        "from typed_registry import Registry\n"
        "R: Registry[object] = Registry('r', scope='c')\n"
        "@R.register_module()\n"
        "class A: ...\n"
        "R.build(dict(type='B'))\n"
    )
    (tmp_path / "mypy.ini").write_text("[mypy]\nplugins = typed_registry.mypy\n")
    run = mypy.api.run(["--config-file", "mypy.ini", "--no-incremental", "-c", program])
    assert run == ("Success: no issues found in 1 source file\n", "", 0)
