"""clskit's registries: children of minengine's roots, with the scope ``"clskit"``."""

from minengine.evaluator.metric import BaseMetric
from minengine.protocols import Dataset, Module, Transform
from minengine.registry import DATASETS as ENGINE_DATASETS
from minengine.registry import METRICS as ENGINE_METRICS
from minengine.registry import MODELS as ENGINE_MODELS
from minengine.registry import TRANSFORMS as ENGINE_TRANSFORMS

from typed_registry import Registry

MODELS: Registry[Module] = Registry(
    "model", parent=ENGINE_MODELS, scope="clskit", locations=["clskit.models"]
)
DATASETS: Registry[Dataset] = Registry(
    "dataset", parent=ENGINE_DATASETS, scope="clskit", locations=["clskit.datasets"]
)
TRANSFORMS: Registry[Transform] = Registry(
    "transform", parent=ENGINE_TRANSFORMS, scope="clskit", locations=["clskit.datasets"]
)
METRICS: Registry[BaseMetric] = Registry(
    "metric", parent=ENGINE_METRICS, scope="clskit", locations=["clskit.evaluation"]
)
