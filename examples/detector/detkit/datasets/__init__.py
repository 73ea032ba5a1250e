"""detkit's datasets (the location of ``DATASETS``); the transforms are a subpackage."""

from detkit.datasets.base_det_dataset import BaseDetDataset
from detkit.datasets.coco import CocoDataset
from detkit.datasets.voc import VOCDataset

__all__ = ["BaseDetDataset", "CocoDataset", "VOCDataset"]
