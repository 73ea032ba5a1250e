"""Layers registered in the root ``MODELS``: norms and activations (MMCV's ``cnn.bricks``).

Configs name them as ``norm_cfg=dict(type="BN")`` and ``act_cfg=dict(type="ReLU")``; the
modules that take those configs build them with :func:`build_norm_layer` and
:func:`build_activation_layer`.
"""

import math
import os

from minengine.model.base_module import BaseModule
from minengine.registry import MODELS
from minengine.typing_utils import ConfigType


class BatchNorm(BaseModule):
    """Normalise by a running mean and variance, then scale and shift."""

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float = 0.1,
        requires_grad: bool = True,
    ) -> None:
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.requires_grad = requires_grad
        self.weight = self.add_param(1.0)
        self.bias = self.add_param(0.0)

    def forward(self, x: list[float]) -> list[float]:
        """Normalise ``x`` by its own mean and variance."""
        mean = sum(x) / len(x)
        var = sum((v - mean) ** 2 for v in x) / len(x)
        scale = self.weight.value / math.sqrt(var + self.eps)
        return [(v - mean) * scale + self.bias.value for v in x]


class GroupNorm(BatchNorm):
    """Normalise groups of features (here: the same arithmetic with a group count)."""

    def __init__(self, num_groups: int, num_channels: int, eps: float = 1e-5) -> None:
        super().__init__(num_channels, eps=eps)
        self.num_groups = num_groups


# MMCV registers torch's norm layers under short names, directly with module=.
MODELS.register_module("BN", module=BatchNorm)
MODELS.register_module("GN", module=GroupNorm)


class ReLU(BaseModule):
    """max(x, 0)."""

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, x: list[float]) -> list[float]:
        """Apply the activation element-wise."""
        return [max(v, 0.0) for v in x]


class Sigmoid(BaseModule):
    """1 / (1 + exp(-x))."""

    def forward(self, x: list[float]) -> list[float]:
        """Apply the activation element-wise."""
        return [1.0 / (1.0 + math.exp(-v)) for v in x]


class Tanh(BaseModule):
    """tanh(x)."""

    def forward(self, x: list[float]) -> list[float]:
        """Apply the activation element-wise."""
        return [math.tanh(v) for v in x]


# MMCV registers its activation layers in a loop over the classes.
for activation in (ReLU, Sigmoid, Tanh):
    MODELS.register_module(module=activation)


# An environment switch picks one of two implementations at import time; each branch
# registers the name "GELU", and only one of them runs (MMCV does this with torch versions).
if os.environ.get("MINENGINE_FAST_GELU") == "1":

    @MODELS.register_module()
    class GELU(BaseModule):  # pyright: ignore[reportRedeclaration]  # the else branch's GELU
        """x * Phi(x), approximated with tanh."""

        def forward(self, x: list[float]) -> list[float]:
            """Apply the activation element-wise."""
            c = math.sqrt(2.0 / math.pi)
            return [0.5 * v * (1.0 + math.tanh(c * (v + 0.044715 * v**3))) for v in x]

else:

    @MODELS.register_module()
    class GELU(BaseModule):  # type: ignore[no-redef]  # the other branch's GELU
        """x * Phi(x)."""

        def forward(self, x: list[float]) -> list[float]:
            """Apply the activation element-wise."""
            return [0.5 * v * (1.0 + math.erf(v / math.sqrt(2.0))) for v in x]


def build_norm_layer(cfg: ConfigType, num_features: int) -> BaseModule:
    """Build the norm layer of ``cfg`` (e.g. ``dict(type="BN")``) for ``num_features``."""
    # GroupNorm counts channels, the others features (MMCV's build_norm_layer does the same).
    key = "num_channels" if cfg.get("type") == "GN" else "num_features"
    layer = MODELS.build(cfg, default_args={key: num_features})
    if not isinstance(layer, BaseModule):
        msg = f"{cfg['type']!r} is not a layer"
        raise TypeError(msg)
    return layer


def build_activation_layer(cfg: ConfigType) -> BaseModule:
    """Build the activation of ``cfg`` (e.g. ``dict(type="ReLU")``)."""
    layer = MODELS.build(cfg)
    if not isinstance(layer, BaseModule):
        msg = f"{cfg['type']!r} is not a layer"
        raise TypeError(msg)
    return layer
