"""Optimizers, optim wrappers and parameter schedulers (importing this registers them)."""

from minengine.optim.optim_wrapper import AmpOptimWrapper, OptimWrapper
from minengine.optim.optimizer import BUILTIN_OPTIMIZERS, register_builtin_optimizers
from minengine.optim.scheduler import CosineAnnealingLR, LinearLR, LRScheduler, MultiStepLR

__all__ = [
    "BUILTIN_OPTIMIZERS",
    "AmpOptimWrapper",
    "CosineAnnealingLR",
    "LRScheduler",
    "LinearLR",
    "MultiStepLR",
    "OptimWrapper",
    "register_builtin_optimizers",
]
