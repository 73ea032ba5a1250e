"""detkit's transforms: importing this package registers them (the location of ``TRANSFORMS``)."""

from detkit.datasets.transforms.checksum import ImageChecksum
from detkit.datasets.transforms.compose import DetCompose
from detkit.datasets.transforms.formatting import PackDetInputs
from detkit.datasets.transforms.loading import LoadAnnotations
from detkit.datasets.transforms.transforms import RandomFlip, Resize, photometric_distortion

__all__ = [
    "DetCompose",
    "ImageChecksum",
    "LoadAnnotations",
    "PackDetInputs",
    "RandomFlip",
    "Resize",
    "photometric_distortion",
]
