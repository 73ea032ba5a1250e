"""Assigners and samplers."""

from detkit.models.task_modules.assigners.max_iou_assigner import MaxIoUAssigner, PseudoSampler

__all__ = ["MaxIoUAssigner", "PseudoSampler"]
