"""Weight initialisers: what ``init_cfg=dict(type="Pretrained", checkpoint=...)`` builds.

MMEngine registers them under short names (``Constant``, ``Pretrained``) with ``name=``.
"""

import random

from minengine.protocols import Module
from minengine.registry import WEIGHT_INITIALIZERS
from minengine.typing_utils import MultiConfig, OptConfigType


class BaseInit:
    """Options shared by the initialisers.

    Args:
        layer: The layer types to initialise (kept: every parameter is initialised here).
        override: Another initialiser's config for the sub-module named by its ``name``
            key; ``name`` is removed before the rest is built, so this is not exactly a
            config of ``WEIGHT_INITIALIZERS``.
    """

    def __init__(
        self, layer: str | list[str] | None = None, override: OptConfigType = None
    ) -> None:
        self.layer = layer
        self.override = override

    def init(self, module: Module) -> None:
        """Initialise ``module``'s parameters."""
        raise NotImplementedError

    def __call__(self, module: Module) -> None:
        self.init(module)
        if self.override is not None:
            cfg = dict(self.override)
            target = getattr(module, cfg.pop("name"), None)
            if target is not None:
                WEIGHT_INITIALIZERS.build(cfg)(target)


@WEIGHT_INITIALIZERS.register_module(name="Constant")
class ConstantInit(BaseInit):
    """Set every parameter to ``val``."""

    def __init__(
        self,
        val: float,
        bias: float = 0.0,
        layer: str | list[str] | None = None,
        override: OptConfigType = None,
    ) -> None:
        super().__init__(layer, override)
        self.val = val
        self.bias = bias

    def init(self, module: Module) -> None:
        for param in module.parameters():
            param.value = self.val


@WEIGHT_INITIALIZERS.register_module(name="Normal")
class NormalInit(BaseInit):
    """Draw every parameter from N(mean, std), reproducibly (``seed``)."""

    def __init__(
        self,
        mean: float = 0.0,
        std: float = 1.0,
        bias: float = 0.0,
        bias_prob: float | None = None,
        seed: int = 0,
        layer: str | list[str] | None = None,
        override: OptConfigType = None,
    ) -> None:
        super().__init__(layer, override)
        self.mean = mean
        self.std = std
        self.bias = bias
        self.bias_prob = bias_prob
        self.seed = seed

    def init(self, module: Module) -> None:
        rng = random.Random(self.seed)
        for param in module.parameters():
            param.value = rng.gauss(self.mean, self.std)


@WEIGHT_INITIALIZERS.register_module(name="Pretrained")
class PretrainedInit:
    """Load parameters from a checkpoint.

    There are no files here: the "checkpoint" seeds the values, so that the same checkpoint
    always gives the same weights.
    """

    def __init__(
        self, checkpoint: str, prefix: str | None = None, map_location: str = "cpu"
    ) -> None:
        self.checkpoint = checkpoint
        self.prefix = prefix
        self.map_location = map_location

    def __call__(self, module: Module) -> None:
        rng = random.Random(f"{self.checkpoint}:{self.prefix}")
        for param in module.parameters():
            param.value = rng.uniform(-0.1, 0.1)


def initialize(module: Module, init_cfg: MultiConfig) -> None:
    """Apply one ``init_cfg`` or a list of them to ``module``, in order."""
    cfgs = init_cfg if isinstance(init_cfg, list) else [init_cfg]
    for cfg in cfgs:
        WEIGHT_INITIALIZERS.build(cfg)(module)
