"""Prior (anchor) generators."""

from detkit.models.task_modules.prior_generators.anchor_generator import AnchorGenerator

__all__ = ["AnchorGenerator"]
