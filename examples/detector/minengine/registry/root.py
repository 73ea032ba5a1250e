"""The root registries of the minengine tree.

Every downstream codebase (detkit, clskit) creates children of these roots with a scope of
its own, so that ``"detkit.ResNet"`` and ``"clskit.ResNet"`` are both reachable from any
registry of a tree. The engine's own entries live here; ``locations`` lists the modules that
register them, so that a lookup finds them even if nothing imported those modules yet.
"""

from __future__ import annotations

from typing import Any

from typed_registry import Registry

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Only for the annotations: the modules that define these import this one.
    from minengine.evaluator.metric import BaseMetric
    from minengine.hooks.hook import Hook
    from minengine.optim.optim_wrapper import OptimWrapper
    from minengine.protocols import (
        Dataset,
        Loop,
        Module,
        Optimizer,
        ParamScheduler,
        Sampler,
        Transform,
        WeightInitializer,
    )

#: Models, layers (``BN``, ``ReLU``), losses and data preprocessors.
MODELS: Registry[Module] = Registry("model", scope="minengine", locations=["minengine.model"])
#: Weight initialisers, built from ``init_cfg``.
WEIGHT_INITIALIZERS: Registry[WeightInitializer] = Registry(
    "weight initializer", scope="minengine", locations=["minengine.model.weight_init"]
)
DATASETS: Registry[Dataset] = Registry(
    "dataset", scope="minengine", locations=["minengine.dataset"]
)
DATA_SAMPLERS: Registry[Sampler] = Registry(
    "data sampler", scope="minengine", locations=["minengine.dataset.sampler"]
)
#: Data pipeline steps: classes, and functions that return a transform.
TRANSFORMS: Registry[Transform] = Registry(
    "transform", scope="minengine", locations=["minengine.dataset.transforms"]
)
OPTIMIZERS: Registry[Optimizer] = Registry(
    "optimizer", scope="minengine", locations=["minengine.optim"]
)
OPTIM_WRAPPERS: Registry[OptimWrapper] = Registry(
    "optim wrapper", scope="minengine", locations=["minengine.optim"]
)
PARAM_SCHEDULERS: Registry[ParamScheduler] = Registry(
    "parameter scheduler", scope="minengine", locations=["minengine.optim"]
)
HOOKS: Registry[Hook] = Registry("hook", scope="minengine", locations=["minengine.hooks"])
LOOPS: Registry[Loop] = Registry("loop", scope="minengine", locations=["minengine.loops"])
#: Metrics register themselves: see ``BaseMetric.__init_subclass__``.
METRICS: Registry[BaseMetric] = Registry(
    "metric", scope="minengine", locations=["minengine.evaluator"]
)
#: Anchor generators, box coders, assigners: nothing they share but being built from configs.
TASK_UTILS: Registry[Any] = Registry("task util", scope="minengine")
