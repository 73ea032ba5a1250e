"""Data preprocessors: normalise a batch's images before the model sees them."""

from typing import Any

from minengine.model.base_module import BaseModule
from minengine.registry import MODELS


@MODELS.register_module()
class ImgDataPreprocessor(BaseModule):
    """Subtract ``mean`` and divide by ``std`` (the first value of each: one channel here)."""

    def __init__(
        self,
        mean: list[float] | None = None,
        std: list[float] | None = None,
        bgr_to_rgb: bool = False,
        pad_size_divisor: int = 1,
    ) -> None:
        super().__init__()
        self.mean = (mean or [0.0])[0] / 255.0
        self.std = (std or [255.0])[0] / 255.0
        self.bgr_to_rgb = bgr_to_rgb
        self.pad_size_divisor = pad_size_divisor

    def forward(self, batch: list[dict[str, Any]]) -> list[list[float]]:
        """The normalised images of ``batch``, padded to a multiple of ``pad_size_divisor``."""
        images: list[list[float]] = []
        for sample in batch:
            image = [(v - self.mean) / self.std for v in sample["img"]]
            image += [0.0] * (-len(image) % self.pad_size_divisor)
            images.append(image[::-1] if self.bgr_to_rgb else image)
        return images
