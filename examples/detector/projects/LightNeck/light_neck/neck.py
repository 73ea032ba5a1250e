"""LightNeck: one shared scale for every level, instead of a convolution per level."""

from detkit.registry import MODELS
from detkit.utils import OptMultiConfig
from minengine.model import BaseModule


@MODELS.register_module()
class LightNeck(BaseModule):
    """Scale every level by one weight, then add levels until there are ``num_outs``.

    Args:
        in_channels: Channels of each input level.
        out_channels: Channels of every output level.
        num_outs: Levels to output (at least ``len(in_channels)``).
        init_cfg: For ``WEIGHT_INITIALIZERS``.
    """

    def __init__(
        self,
        in_channels: list[int],
        out_channels: int,
        num_outs: int,
        init_cfg: OptMultiConfig = None,
    ) -> None:
        super().__init__(init_cfg)
        self.num_outs = num_outs
        self.scale = self.add_param(out_channels / max(in_channels))

    def forward(self, inputs: tuple[list[float], ...]) -> tuple[list[float], ...]:
        """The scaled levels, and the extra ones."""
        outs = [[self.scale.value * v for v in x] for x in inputs]
        while len(outs) < self.num_outs:
            outs.append(outs[-1][::2] or outs[-1])
        return tuple(outs)
