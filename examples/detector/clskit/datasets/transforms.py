"""Classification transforms."""

from typing import Any

from minengine.dataset import BaseTransform

from clskit.registry import TRANSFORMS


@TRANSFORMS.register_module()
class RandomResizedCrop(BaseTransform):
    """Crop a random part and resize it to ``scale`` (here: keep the first ``scale`` pixels)."""

    def __init__(self, scale: int, crop_ratio_range: tuple[float, float] = (0.08, 1.0)) -> None:
        self.scale = scale
        self.crop_ratio_range = crop_ratio_range

    def transform(self, results: dict[str, Any]) -> dict[str, Any]:
        image: list[float] = results["img"]
        results["img"] = (image * (1 + self.scale // max(1, len(image))))[: self.scale]
        return results


@TRANSFORMS.register_module()
class PackClsInputs(BaseTransform):
    """Keep the image and its label."""

    def transform(self, results: dict[str, Any]) -> dict[str, Any]:
        return {"img": results["img"], "gt_label": results.get("gt_label", 0)}
