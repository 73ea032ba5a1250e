"""minengine: a small stand-in for MMEngine, built on typed_registry.

It has what an OpenMMLab codebase leans on: the root registries (``minengine.registry``),
modules with ``init_cfg`` (``minengine.model``), optimizers and schedulers
(``minengine.optim``), hooks, datasets and transforms, metrics and a ``Runner`` that builds
all of them from one config dict. Nothing here uses torch: a "tensor" is a list of floats.
"""

__version__ = "0.1.0"
