"""detkit's models: importing this package registers every one of them.

It is the location of detkit's ``MODELS`` (and ``detkit.models.task_modules`` that of
``TASK_UTILS``), as ``mmdet.models`` is for MMDetection.
"""

from detkit.models.backbones import MobileNetV2, ResNet, ResNeXt
from detkit.models.data_preprocessors import DetDataPreprocessor
from detkit.models.dense_heads import AnchorHead, RetinaHead
from detkit.models.detectors import BaseDetector, RetinaNet, SingleStageDetector
from detkit.models.losses import CrossEntropyLoss, FocalLoss, L1Loss, SmoothL1Loss
from detkit.models.necks import FPN, ChannelMapper
from detkit.models.task_modules import (
    AnchorGenerator,
    DeltaXYWHBBoxCoder,
    MaxIoUAssigner,
    PseudoSampler,
)

__all__ = [
    "FPN",
    "AnchorGenerator",
    "AnchorHead",
    "BaseDetector",
    "ChannelMapper",
    "CrossEntropyLoss",
    "DeltaXYWHBBoxCoder",
    "DetDataPreprocessor",
    "FocalLoss",
    "L1Loss",
    "MaxIoUAssigner",
    "MobileNetV2",
    "PseudoSampler",
    "ResNeXt",
    "ResNet",
    "RetinaHead",
    "RetinaNet",
    "SingleStageDetector",
    "SmoothL1Loss",
]
