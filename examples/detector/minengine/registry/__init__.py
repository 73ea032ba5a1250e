"""The root registries (defined in ``root``, re-exported here as MMEngine does)."""

from minengine.registry.root import (
    DATA_SAMPLERS,
    DATASETS,
    HOOKS,
    LOOPS,
    METRICS,
    MODELS,
    OPTIM_WRAPPERS,
    OPTIMIZERS,
    PARAM_SCHEDULERS,
    TASK_UTILS,
    TRANSFORMS,
    WEIGHT_INITIALIZERS,
)

__all__ = [
    "DATASETS",
    "DATA_SAMPLERS",
    "HOOKS",
    "LOOPS",
    "METRICS",
    "MODELS",
    "OPTIMIZERS",
    "OPTIM_WRAPPERS",
    "PARAM_SCHEDULERS",
    "TASK_UTILS",
    "TRANSFORMS",
    "WEIGHT_INITIALIZERS",
]
