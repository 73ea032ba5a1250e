"""clskit's models (the location of its ``MODELS``)."""

from clskit.models.backbones import ResNet, VisionTransformer
from clskit.models.classifiers import ImageClassifier
from clskit.models.heads import GlobalAveragePooling, LinearClsHead
from clskit.models.losses import CrossEntropyLoss, LabelSmoothLoss

__all__ = [
    "CrossEntropyLoss",
    "GlobalAveragePooling",
    "ImageClassifier",
    "LabelSmoothLoss",
    "LinearClsHead",
    "ResNet",
    "VisionTransformer",
]
