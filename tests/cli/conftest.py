"""A small project on disk for the ``typed-registry`` commands: a package with registries,
its settings, and configs; each test gets a package of its own name."""

from __future__ import annotations

import itertools
import sys
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from typed_registry.cli import main

if TYPE_CHECKING:
    from pathlib import Path

_NUMBERS = itertools.count()


@dataclass
class Project:
    root: Path
    package: str

    def write(self, path: str, text: str) -> Path:
        file = self.root / path.replace("PKG", self.package)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(textwrap.dedent(text).replace("PKG", self.package), encoding="utf-8")
        return file


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``typed-registry ARGV`` in this process: status, stdout, stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    package = f"cliproj{next(_NUMBERS)}"
    made = Project(tmp_path, package)
    made.write(
        "pyproject.toml",
        """
        [tool.typed_registry]
        locations = ["PKG.child"]

        [tool.typed_registry.configs]
        paths = ["configs"]

        [tool.typed_registry.configs.registries]
        model = "PKG.registry.MODELS"
        "model.backbone" = "PKG.registry.MODELS"
        "hooks.*" = "PKG.registry.HOOKS"
        optimizer = { registry = "PKG.registry.OPTIMIZERS", default_args = ["params"] }
        """,
    )
    made.write("PKG/__init__.py", "")
    made.write(
        "PKG/registry.py",
        """
        from typed_registry import Registry

        MODELS = Registry("model", scope="PKG", locations=["PKG.models"])
        HOOKS = Registry("hook", scope="PKG_hooks", locations=["PKG.models"])
        OPTIMIZERS = Registry("optimizer", scope="PKG_optim", locations=["PKG.models"])
        NOT_A_REGISTRY = 3
        """,
    )
    made.write(
        "PKG/models.py",
        """
        from typing import Any

        from PKG.registry import HOOKS, MODELS, OPTIMIZERS


        @MODELS.register_module()
        class ResNet:
            def __init__(self, depth: int, out: tuple[int, ...] = ()) -> None:
                self.depth = depth


        @MODELS.register_module()
        class Detector:
            def __init__(self, backbone: dict[str, Any], neck: dict[str, Any] | None = None):
                self.backbone = MODELS.build(backbone)


        @HOOKS.register_module()
        class LoggerHook:
            def __init__(self, interval: int = 10) -> None:
                self.interval = interval


        @OPTIMIZERS.register_module()
        class SGD:
            def __init__(self, params: list[float], lr: float) -> None:
                self.lr = lr
        """,
    )
    made.write(
        "PKG/child.py",
        """
        from typed_registry import Registry

        from PKG.registry import MODELS

        CHILD = Registry("model", scope="PKG_child", parent=MODELS)


        @CHILD.register_module()
        class ChildNet:
            def __init__(self, size: int) -> None:
                self.size = size
        """,
    )
    made.write(
        "configs/_base_/model.py",
        """
        model = dict(type="Detector", backbone=dict(type="ResNet", depth=50))
        """,
    )
    made.write(
        "configs/good.py",
        """
        _base_ = "./_base_/model.py"
        model = dict(backbone=dict(depth=101))
        hooks = dict(logger=dict(type="LoggerHook", interval=5), off=None)
        optimizer = dict(type="SGD", lr=0.1)
        """,
    )
    made.write(
        "configs/good.json",
        '{"_base_": "./_base_/model.py", "model": {"backbone": {"out": [1, 2]}}}',
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    before = set(sys.modules)
    yield made
    for name in set(sys.modules) - before:
        if name == package or name.startswith(f"{package}."):
            del sys.modules[name]
