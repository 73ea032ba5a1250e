"""The plugin on config files built on a base inside an installed package (``mmdet::path``).

The package is a fake ``mmdet`` laid out as its wheel installs it, in a ``site`` folder on
``sys.path`` outside the project: the plugin finds it where ``import mmdet`` would, without
importing it. One mypy run checks every config below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.plugin.scenarios import Project, lines_of
from tests.plugin.test_config_files_modules import FILES, PYPROJECT, SOURCES

if TYPE_CHECKING:
    from pathlib import Path

PACKAGE = {
    "mmdet/__init__.py": "",
    "mmdet/.mim/model-index.yml": "Import: []\n",
    "mmdet/.mim/configs/_base_/models/detector.py": (
        "model = dict(type='Detector', backbone=dict(type='ResNet', depth=50))\n"
    ),
    "mmdet/.mim/configs/_base_/models/wrong.py": (
        "\nmodel = dict(type='Detector', backbone=dict(type='ResNet', depth='50'))\n"
    ),
}
CONFIGS = {
    "configs/on_package.py": (
        "_base_ = 'mmdet::_base_/models/detector.py'\nmodel = dict(backbone=dict(dpth=101))\n"
    ),
    "configs/on_package_right.py": (
        "_base_ = 'mmdet::_base_/models/detector.py'\nmodel = dict(backbone=dict(depth=101))\n"
    ),
    "configs/on_wrong_package_base.py": "_base_ = 'mmdet::_base_/models/wrong.py'\nlr = 0.1\n",
    "configs/on_missing_package.py": "_base_ = 'mmseg::_base_/models/fcn.py'\n",
}


@pytest.fixture
def output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    site = tmp_path / "site"
    for name, text in PACKAGE.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    project = Project.create(root, {**FILES, **CONFIGS}, config=PYPROJECT)
    return project.cold(SOURCES).output


def test_the_plugin_reads_package_bases_from_the_installed_package(output: str) -> None:
    # Checked with the package's base: its keys are known, the mistake is the config's.
    assert lines_of(output, "configs/on_package.py") == [
        (
            '2: error: model.backbone.dpth: Unexpected keyword argument "dpth" for "ResNet"; did'
            ' you mean "depth"?  [call-arg]'
        ),
        '2: note: "ResNet" defined in "pkg.models"',
    ]
    assert lines_of(output, "configs/on_package_right.py") == []
    # A mistake inside the package's file is reported in the config built on it (never in
    # the package), with where the value comes from.
    found = lines_of(output, "configs/on_wrong_package_base.py")
    assert found[0] == (
        '1: error: model.backbone.depth: Argument "depth" to "ResNet" has incompatible type'
        ' "str"; expected "int"  [arg-type]'
    )
    assert found[1].startswith("1: note: the value comes from ")
    assert found[1].endswith("site/mmdet/.mim/configs/_base_/models/wrong.py:2")
    assert "site/mmdet" not in output.replace(found[1], "")


def test_a_package_base_mmengine_cannot_find_is_an_error_of_the_config(output: str) -> None:
    # (The run is shared by the tests of this module: the file's folder is the first test's.)
    [line] = lines_of(output, "configs/on_missing_package.py")
    start, _, reason = line.partition(" /")
    assert start == "1: error: Invalid config: cannot read the config:"
    assert reason.endswith(
        "/project/configs/on_missing_package.py:1: the base 'mmseg::_base_/models/fcn.py':"
        " mmseg is not installed (MMEngine: 'mmsegmentation is not installed, please install"
        " mmsegmentation manually')  [registry-config]"
    )
