"""clskit's datasets and transforms (the location of its ``DATASETS`` and ``TRANSFORMS``)."""

from clskit.datasets.imagenet import ImageNet
from clskit.datasets.transforms import PackClsInputs, RandomResizedCrop

__all__ = ["ImageNet", "PackClsInputs", "RandomResizedCrop"]
