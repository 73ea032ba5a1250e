"""``build`` accepts MMEngine's ``Config``, which is not a Mapping, as MMEngine does."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from typed_registry import Registry, build_from_cfg

config_module = pytest.importorskip("mmengine.config")


@pytest.fixture
def reg() -> Registry[Any]:
    reg: Registry[Any] = Registry("runners", scope="mmengine_config")

    @reg.register_module()
    class Runner:
        def __init__(self, a: int, model: Any = None, work_dir: str = ".") -> None:
            self.a = a
            self.model = model
            self.work_dir = work_dir

    return reg


def test_build_accepts_an_mmengine_config(reg: Registry[Any]) -> None:
    cfg = config_module.Config({"type": "Runner", "a": 1, "model": {"type": "Net"}})
    runner = reg.build(cfg)
    assert runner.a == 1
    assert runner.model == {"type": "Net"}
    assert isinstance(runner.model, config_module.ConfigDict)


def test_build_from_cfg_accepts_an_mmengine_config_with_default_args(reg: Registry[Any]) -> None:
    cfg = config_module.Config({"type": "Runner", "a": 2})
    runner = build_from_cfg(cfg, reg, default_args={"work_dir": "out", "a": 3})
    assert (runner.a, runner.work_dir) == (2, "out")
    assert cfg.to_dict() == {"type": "Runner", "a": 2}


def test_an_mmengine_config_without_type_is_a_missing_type_error(reg: Registry[Any]) -> None:
    with pytest.raises(KeyError, match="neither cfg nor default_args has a 'type' key"):
        reg.build(config_module.Config({"a": 1}))


def test_importing_typed_registry_does_not_import_mmengine() -> None:
    code = "import sys, typed_registry; print('mmengine' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
