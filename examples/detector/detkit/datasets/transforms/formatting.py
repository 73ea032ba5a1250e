"""Packing the results for the model."""

from typing import Any

from minengine.dataset import BaseTransform

from detkit.registry import TRANSFORMS


@TRANSFORMS.register_module()
class PackDetInputs(BaseTransform):
    """Keep the image, the instances and ``meta_keys``; drop the rest."""

    def __init__(
        self, meta_keys: tuple[str, ...] = ("img_id", "img_path", "img_shape", "scale_factor")
    ) -> None:
        self.meta_keys = meta_keys

    def transform(self, results: dict[str, Any]) -> dict[str, Any]:
        packed = {"img": results["img"], "instances": results.get("instances", [])}
        packed["metainfo"] = {key: results[key] for key in self.meta_keys if key in results}
        packed["img_id"] = results.get("img_id")
        return packed
