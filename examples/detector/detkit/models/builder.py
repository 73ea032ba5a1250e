"""MMDetection 2.x's registry names, kept for old code: each is ``MODELS`` itself."""

from detkit.registry import MODELS

BACKBONES = MODELS
NECKS = MODELS
HEADS = MODELS
LOSSES = MODELS
DETECTORS = MODELS

__all__ = ["BACKBONES", "DETECTORS", "HEADS", "LOSSES", "NECKS"]
