"""Dense (one-stage) heads."""

from detkit.models.dense_heads.anchor_head import AnchorHead
from detkit.models.dense_heads.retina_head import RetinaHead

__all__ = ["AnchorHead", "RetinaHead"]
