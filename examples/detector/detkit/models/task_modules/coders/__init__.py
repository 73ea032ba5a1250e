"""Box coders."""

from detkit.models.task_modules.coders.delta_xywh_bbox_coder import DeltaXYWHBBoxCoder

__all__ = ["DeltaXYWHBBoxCoder"]
