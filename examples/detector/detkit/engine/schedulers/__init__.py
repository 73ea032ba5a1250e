"""detkit's parameter schedulers."""

from detkit.engine.schedulers.quadratic_warmup import QuadraticWarmupLR

__all__ = ["QuadraticWarmupLR"]
