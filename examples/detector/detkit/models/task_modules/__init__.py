"""Task modules: anchor generators, box coders, assigners (``TASK_UTILS``)."""

from detkit.models.task_modules.assigners import MaxIoUAssigner, PseudoSampler
from detkit.models.task_modules.coders import DeltaXYWHBBoxCoder
from detkit.models.task_modules.prior_generators import AnchorGenerator

__all__ = ["AnchorGenerator", "DeltaXYWHBBoxCoder", "MaxIoUAssigner", "PseudoSampler"]
