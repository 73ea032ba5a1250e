"""detkit's registries: children of minengine's roots, with the scope ``"detkit"``.

A child sees its parent's entries (``"BN"``, ``"SGD"``), never its siblings' (clskit's);
``"clskit.X"`` reaches a sibling's entry explicitly.
"""

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
from minengine.registry import DATA_SAMPLERS as ENGINE_DATA_SAMPLERS
from minengine.registry import DATASETS as ENGINE_DATASETS
from minengine.registry import HOOKS as ENGINE_HOOKS
from minengine.registry import LOOPS as ENGINE_LOOPS
from minengine.registry import METRICS as ENGINE_METRICS
from minengine.registry import MODELS as ENGINE_MODELS
from minengine.registry import OPTIM_WRAPPERS as ENGINE_OPTIM_WRAPPERS
from minengine.registry import OPTIMIZERS as ENGINE_OPTIMIZERS
from minengine.registry import PARAM_SCHEDULERS as ENGINE_PARAM_SCHEDULERS
from minengine.registry import TASK_UTILS as ENGINE_TASK_UTILS
from minengine.registry import TRANSFORMS as ENGINE_TRANSFORMS
from minengine.registry import WEIGHT_INITIALIZERS as ENGINE_WEIGHT_INITIALIZERS

from typed_registry import Registry

MODELS: Registry[Module] = Registry(
    "model", parent=ENGINE_MODELS, scope="detkit", locations=["detkit.models"]
)
WEIGHT_INITIALIZERS: Registry[WeightInitializer] = Registry(
    "weight initializer", parent=ENGINE_WEIGHT_INITIALIZERS, scope="detkit"
)
DATASETS: Registry[Dataset] = Registry(
    "dataset", parent=ENGINE_DATASETS, scope="detkit", locations=["detkit.datasets"]
)
DATA_SAMPLERS: Registry[Sampler] = Registry(
    "data sampler", parent=ENGINE_DATA_SAMPLERS, scope="detkit"
)
TRANSFORMS: Registry[Transform] = Registry(
    "transform",
    parent=ENGINE_TRANSFORMS,
    scope="detkit",
    locations=["detkit.datasets.transforms"],
)
OPTIMIZERS: Registry[Optimizer] = Registry("optimizer", parent=ENGINE_OPTIMIZERS, scope="detkit")
OPTIM_WRAPPERS: Registry[OptimWrapper] = Registry(
    "optim wrapper", parent=ENGINE_OPTIM_WRAPPERS, scope="detkit"
)
PARAM_SCHEDULERS: Registry[ParamScheduler] = Registry(
    "parameter scheduler",
    parent=ENGINE_PARAM_SCHEDULERS,
    scope="detkit",
    locations=["detkit.engine.schedulers"],
)
HOOKS: Registry[Hook] = Registry(
    "hook", parent=ENGINE_HOOKS, scope="detkit", locations=["detkit.engine.hooks"]
)
LOOPS: Registry[Loop] = Registry("loop", parent=ENGINE_LOOPS, scope="detkit")
METRICS: Registry[BaseMetric] = Registry(
    "metric", parent=ENGINE_METRICS, scope="detkit", locations=["detkit.evaluation"]
)
# Left unannotated, as code ported from MMEngine is: a Registry[Any].
TASK_UTILS = Registry(
    "task util",
    parent=ENGINE_TASK_UTILS,
    scope="detkit",
    locations=["detkit.models.task_modules"],
)
