"""``BaseDetector``: dispatches ``forward(batch, mode)`` to ``loss``, ``predict`` or features."""

from typing import Any

from minengine.model import BaseModule

from detkit.registry import MODELS
from detkit.utils import OptConfigType, OptMultiConfig


class BaseDetector(BaseModule):
    """A detector: the runner calls ``forward(batch, mode="loss")`` and ``mode="predict"``.

    Args:
        data_preprocessor: For ``MODELS``; the default normalises with ImageNet's mean.
        init_cfg: For ``WEIGHT_INITIALIZERS``.
    """

    def __init__(
        self, data_preprocessor: OptConfigType = None, init_cfg: OptMultiConfig = None
    ) -> None:
        super().__init__(init_cfg)
        self.data_preprocessor = MODELS.build(
            data_preprocessor or {"type": "DetDataPreprocessor", "mean": [123.675], "std": [58.395]}
        )

    def extract_feat(self, image: list[float]) -> tuple[list[float], ...]:
        """The features of one image."""
        raise NotImplementedError

    def loss(self, batch: list[dict[str, Any]]) -> dict[str, float]:
        """The losses of a batch, summed over its images."""
        raise NotImplementedError

    def predict(self, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """One prediction per image."""
        raise NotImplementedError

    def forward(self, batch: list[dict[str, Any]], mode: str = "tensor") -> Any:
        """``loss``, ``predict``, or the features (``"tensor"``) of ``batch``."""
        if mode == "loss":
            return self.loss(batch)
        if mode == "predict":
            return self.predict(batch)
        return [self.extract_feat(image) for image in self.data_preprocessor(batch)]
