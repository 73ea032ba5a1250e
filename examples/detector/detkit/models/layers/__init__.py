"""Layers and box post-processing."""

from detkit.models.layers.bbox_nms import batched_nms

__all__ = ["batched_nms"]
