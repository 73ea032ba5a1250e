"""The COCO dataset."""

from detkit.datasets.base_det_dataset import BaseDetDataset
from detkit.registry import DATASETS


@DATASETS.register_module()
class CocoDataset(BaseDetDataset):
    """COCO (five of its classes)."""

    METAINFO = {"classes": ("person", "bicycle", "car", "motorcycle", "airplane")}
