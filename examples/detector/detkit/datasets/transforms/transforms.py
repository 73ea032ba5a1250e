"""Geometric and photometric transforms; one of them is a registered function."""

import random
from typing import Any

from minengine.dataset import BaseTransform
from minengine.protocols import Transform

from detkit.registry import TRANSFORMS


@TRANSFORMS.register_module()
class Resize(BaseTransform):
    """Resize the image to ``scale`` (width, height): here, resample the pixel list."""

    def __init__(self, scale: tuple[int, int], keep_ratio: bool = False) -> None:
        self.scale = scale
        self.keep_ratio = keep_ratio

    def transform(self, results: dict[str, Any]) -> dict[str, Any]:
        image: list[float] = results["img"]
        factor = min(self.scale) / max(self.scale) if self.keep_ratio else 1.0
        results["scale_factor"] = factor
        results["img"] = [v * factor for v in image]
        for box in results.get("gt_bboxes", []):
            box[:] = [coordinate * factor for coordinate in box]
        return results


@TRANSFORMS.register_module()
class RandomFlip(BaseTransform):
    """Flip the image with probability ``prob`` (seeded by the image id)."""

    def __init__(self, prob: float | None = None, direction: str = "horizontal") -> None:
        self.prob = 0.0 if prob is None else prob
        self.direction = direction

    def transform(self, results: dict[str, Any]) -> dict[str, Any]:
        flip = random.Random(results.get("img_id", 0)).random() < self.prob
        results["flip"] = flip
        if flip:
            results["img"] = results["img"][::-1]
        return results


@TRANSFORMS.register_module()
def photometric_distortion(brightness_delta: float = 32.0, contrast: float = 1.0) -> Transform:
    """A transform built by a function: it returns the transform, a closure.

    ``dict(type="photometric_distortion", brightness_delta=16.0)`` calls this function.
    """
    shift = brightness_delta / 255.0

    def distort(results: dict[str, Any]) -> dict[str, Any]:
        results["img"] = [contrast * v + shift for v in results["img"]]
        return results

    return distort
