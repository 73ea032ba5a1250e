"""A config file's nested configs held in variables are checked as the values they hold.

The config reader resolves a config file's earlier variables itself (``backbone=backbone_cfg``,
``pipeline=train_pipeline``), through ``update`` and item assignment, as MMEngine does: the
file's checks see the merged values, with each error at the line that wrote it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.plugin.scenarios import Project, lines_of
from tests.plugin.test_config_files import FILES, PYPROJECT, SOURCES

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return Project.create(tmp_path, FILES, config=PYPROJECT)


def test_a_nested_config_in_a_variable_is_checked_where_it_was_written(project: Project) -> None:
    project.write(
        "configs/variables.py",
        """\
        backbone_cfg = dict(type="ResNet", depht=50)
        backbone_cfg.update(norm=1)
        model = dict(type="Detector", backbone=backbone_cfg)
        """,
    )
    assert lines_of(project.cold(SOURCES).output, "configs/variables.py") == [
        (
            '1: error: model.backbone.depht: Unexpected keyword argument "depht" for "ResNet"; '
            'did you mean "depth"?  [call-arg]'
        ),
        '1: note: "ResNet" defined in "pkg.models"',
        (
            '2: error: model.backbone.norm: Argument "norm" to "ResNet" has incompatible type '
            '"int"; expected "str"  [arg-type]'
        ),
    ]
