"""Detection models: a detector that builds its backbone from a nested config."""

from __future__ import annotations

from typing import Any

from typed_registry.demo.registries import DET_MODELS, Model


@DET_MODELS.register_module(name=["Detector", "Det"])
class Detector:
    """Applies a backbone, then a threshold."""

    def __init__(self, backbone: dict[str, Any], threshold: float = 0.5) -> None:
        # Built with the det registry: unscoped names fall back to the root's Linear.
        self.backbone: Model = DET_MODELS.build(backbone)
        self.threshold = threshold

    def forward(self, x: float) -> float:
        """Return 1.0 when the backbone's output reaches the threshold, else 0.0."""
        return 1.0 if self.backbone.forward(x) >= self.threshold else 0.0

    def __repr__(self) -> str:
        return f"Detector(backbone={self.backbone!r}, threshold={self.threshold!r})"
