"""Layers and box post-processing."""

from detkit.models.layers.bbox_nms import batched_nms
from detkit.models.layers.frozen_norm import FrozenBN, NormedStem, build_frozen_norm

__all__ = ["FrozenBN", "NormedStem", "batched_nms", "build_frozen_norm"]
