"""Losses."""

from detkit.models.losses.cross_entropy_loss import CrossEntropyLoss
from detkit.models.losses.focal_loss import FocalLoss
from detkit.models.losses.smooth_l1_loss import L1Loss, SmoothL1Loss, balanced_l1_loss

__all__ = ["CrossEntropyLoss", "FocalLoss", "L1Loss", "SmoothL1Loss", "balanced_l1_loss"]
