"""ImageNet, with a label per image."""

from typing import Any

from minengine.dataset import BaseDataset

from clskit.registry import DATASETS, TRANSFORMS


@DATASETS.register_module()
class ImageNet(BaseDataset):
    """ImageNet (ten of its classes); the pipeline is built with clskit's ``TRANSFORMS``."""

    METAINFO = {"classes": tuple(f"n{index:08d}" for index in range(10))}
    transform_registry = TRANSFORMS

    def load_data_list(self) -> list[dict[str, Any]]:
        samples = super().load_data_list()
        for sample in samples:
            sample["gt_label"] = sample["img_id"] % len(self.metainfo["classes"])
        return samples
