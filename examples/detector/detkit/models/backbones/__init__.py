"""Backbones."""

from detkit.models.backbones.mobilenet_v2 import MobileNetV2
from detkit.models.backbones.resnet import ResNet, ResNeXt

__all__ = ["MobileNetV2", "ResNeXt", "ResNet"]
