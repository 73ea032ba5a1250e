"""A norm-layer builder that pops the keys it handles itself, as MMCV's ``build_norm_layer``.

``requires_grad`` is no parameter of the layer: the builder pops it and freezes the layer's
parameters itself; ``num_features`` is the builder's to pass. ``ConfigFor`` says both, so
that mypy with the plugin, ``typed-registry check`` and ``Registry.validate`` check the keys
of ``norm_cfg=dict(type="FrozenBN", requires_grad=False)`` exactly, and each call of
:func:`build_frozen_norm` too. (The declaration is written out on each parameter: the
checks read it from the annotation's source.)
"""

from typing import Annotated

from minengine.model.base_module import BaseModule

from detkit.registry import MODELS
from detkit.utils import ConfigType
from typed_registry import ConfigFor


@MODELS.register_module()
class FrozenBN(BaseModule):
    """Batch norm whose statistics and parameters may be frozen."""

    def __init__(self, num_features: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.frozen = False

    def forward(self, x: list[float]) -> list[float]:
        """Scale ``x`` (the arithmetic is not the point here)."""
        return [v / (1.0 + self.eps) for v in x]


def build_frozen_norm(
    cfg: Annotated[
        ConfigType, ConfigFor(MODELS, supplies=["num_features"], consumes=["requires_grad"])
    ],
    num_features: int,
) -> BaseModule:
    """Build the norm layer of ``cfg`` for ``num_features``; ``requires_grad`` freezes it."""
    layer_cfg = dict(cfg)  # never change the caller's config
    requires_grad = bool(layer_cfg.pop("requires_grad", True))
    layer = MODELS.build(layer_cfg, default_args={"num_features": num_features})
    if not isinstance(layer, BaseModule):
        msg = f"{cfg['type']!r} is not a layer"
        raise TypeError(msg)
    if isinstance(layer, FrozenBN):
        layer.frozen = not requires_grad
    return layer


@MODELS.register_module()
class NormedStem(BaseModule):
    """A stem that normalises its input with the norm layer its config names."""

    def __init__(
        self,
        channels: int = 64,
        norm_cfg: Annotated[
            ConfigType, ConfigFor(MODELS, supplies=["num_features"], consumes=["requires_grad"])
        ] = dict(type="FrozenBN", requires_grad=False),
    ) -> None:
        super().__init__()
        self.norm = build_frozen_norm(norm_cfg, channels)

    def forward(self, x: list[float]) -> list[float]:
        """Normalise ``x``."""
        normalised: list[float] = self.norm(x)
        return normalised
