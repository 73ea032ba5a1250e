"""The Pascal VOC dataset, registered with ``module=``."""

from detkit.datasets.base_det_dataset import BaseDetDataset
from detkit.registry import DATASETS


class VOCDataset(BaseDetDataset):
    """Pascal VOC (four of its classes)."""

    METAINFO = {"classes": ("aeroplane", "bicycle", "bird", "boat")}


DATASETS.register_module(module=VOCDataset)
