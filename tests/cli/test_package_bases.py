"""``typed-registry check`` on configs built on a base inside an installed package.

The package is a fake ``mmdet`` in a ``site`` folder on ``sys.path``, laid out as its wheel
installs it (``mmdet/.mim/model-index.yml``, ``mmdet/.mim/configs/...``).
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

import pytest
from tests.cli.conftest import run

if TYPE_CHECKING:
    from pathlib import Path

    from tests.cli.conftest import Project


@pytest.fixture
def site(project: Project, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = project.root / "site"
    for name, text in {
        "mmdet/__init__.py": "",
        "mmdet/.mim/model-index.yml": "Import: []\n",
        "mmdet/.mim/configs/_base_/models/resnet.py": (
            "model = dict(type='Detector', backbone=dict(type='ResNet', depth=50))\n"
        ),
        "mmdet/.mim/configs/_base_/models/wrong.py": (
            "model = dict(type='Detector', backbone=dict(type='ResNet', depth='50'))\n"
        ),
    }.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    monkeypatch.delitem(sys.modules, "mmdet", raising=False)
    return site


@pytest.mark.parametrize("loader", ["builtin", "mmengine"])
def test_a_config_on_a_package_base_is_checked_with_it(project, site, capsys, loader):
    project.write(
        "configs/faster.py",
        """
        _base_ = "mmdet::_base_/models/resnet.py"
        model = dict(backbone=dict(depth="101", dpth=1))
        """,
    )
    status, out, err = run(capsys, "check", "configs/faster.py", "--loader", loader)
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        (
            'configs/faster.py:3: error: model.backbone.dpth: Unexpected keyword argument "dpth"'
            ' for "ResNet"  [call-arg]'
        ),
        (
            'configs/faster.py:3: error: model.backbone.depth: Argument "depth" to "ResNet" has'
            ' incompatible type "str"; expected "int"  [arg-type]'
        ),
        "Found 2 problems in 1 of 1 config",
    ]


def test_a_correct_config_on_a_package_base_passes(project, site, capsys):
    project.write(
        "configs/faster.py",
        '_base_ = "mmdet::_base_/models/resnet.py"\nmodel = dict(backbone=dict(depth=101))\n',
    )
    assert run(capsys, "check", "configs/faster.py") == (0, "No problems in 1 config\n", "")


def test_a_mistake_inside_the_package_base_is_reported_there(project, site, capsys):
    project.write("configs/faster.py", '_base_ = "mmdet::_base_/models/wrong.py"\n')
    status, out, _ = run(capsys, "check", "configs/faster.py", "--loader", "builtin")
    assert status == 1
    # The package's file, shown relative to the working folder (the project's here).
    wrong = (site / "mmdet/.mim/configs/_base_/models/wrong.py").relative_to(project.root)
    assert out.splitlines()[0] == (
        f'{wrong}:1: error: model.backbone.depth: Argument "depth" to "ResNet" has'
        ' incompatible type "str"; expected "int"  [arg-type] (in configs/faster.py)'
    )


def test_a_package_base_that_cannot_be_found_is_an_error_of_the_config(project, site, capsys):
    project.write("configs/seg.py", '_base_ = "mmseg::_base_/models/fcn.py"\n')
    status, _, err = run(capsys, "check", "configs/seg.py", "--loader", "builtin")
    assert status == 2
    assert err == (
        "typed-registry check: error: configs/seg.py:1: the base 'mmseg::_base_/models/fcn.py':"
        " mmseg is not installed (MMEngine: 'mmsegmentation is not installed, please install"
        " mmsegmentation manually')\n"
    )
