"""The demo's registries: a root ``core`` with two children, ``det`` and ``cls``."""

from __future__ import annotations

from typing import Protocol

from typed_registry import Registry


class Model(Protocol):
    """What every registered model can do."""

    def forward(self, x: float) -> float:
        """Compute the model's output for ``x``."""
        ...


MODELS: Registry[Model] = Registry(
    "models", scope="core", locations=["typed_registry.demo.core_models"]
)
DET_MODELS: Registry[Model] = Registry(
    "models", scope="det", parent=MODELS, locations=["typed_registry.demo.det_models"]
)
CLS_MODELS: Registry[Model] = Registry(
    "models", scope="cls", parent=MODELS, locations=["typed_registry.demo.cls_models"]
)
