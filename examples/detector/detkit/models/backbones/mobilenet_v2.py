"""MobileNetV2: a light backbone, registered by calling the decorator by hand."""

from minengine.model import BaseModule, build_activation_layer, build_norm_layer

from detkit.registry import MODELS
from detkit.utils import ConfigType, OptMultiConfig


class MobileNetV2(BaseModule):
    """MobileNetV2; ``widen_factor`` scales every stage's width.

    Args:
        widen_factor: Width multiplier.
        out_indices: The stages (0 to 7) whose outputs are returned.
        norm_cfg: For ``MODELS`` (``num_features`` is filled in).
        act_cfg: For ``MODELS``.
        init_cfg: For ``WEIGHT_INITIALIZERS``.
    """

    def __init__(
        self,
        widen_factor: float = 1.0,
        out_indices: tuple[int, ...] = (1, 2, 4, 7),
        norm_cfg: ConfigType = dict(type="BN"),
        act_cfg: ConfigType = dict(type="ReLU"),
        init_cfg: OptMultiConfig = None,
    ) -> None:
        super().__init__(init_cfg)
        self.widen_factor = widen_factor
        self.out_indices = out_indices
        self.norms = [build_norm_layer(norm_cfg, int(32 * widen_factor)) for _ in range(8)]
        self.act = build_activation_layer(act_cfg)
        self.gain = self.add_param(widen_factor)

    def forward(self, x: list[float]) -> tuple[list[float], ...]:
        """The outputs of the stages in ``out_indices``."""
        outs: list[list[float]] = []
        for i, norm in enumerate(self.norms):
            x = [self.gain.value * v for v in self.act(norm(x))]
            if i % 2 == 1 and len(x) > 1:
                x = x[::2]
            if i in self.out_indices:
                outs.append(x)
        return tuple(outs)


# The decorator, called by hand (mmcv-style code registers third-party classes this way).
MODELS.register_module()(MobileNetV2)
