"""Detectors."""

from detkit.models.detectors.base import BaseDetector
from detkit.models.detectors.retinanet import RetinaNet
from detkit.models.detectors.single_stage import SingleStageDetector

__all__ = ["BaseDetector", "RetinaNet", "SingleStageDetector"]
