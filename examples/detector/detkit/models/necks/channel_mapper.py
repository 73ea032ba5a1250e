"""ChannelMapper: brings every level to the same width; registered with ``module=``."""

from minengine.model import BaseModule, build_activation_layer, build_norm_layer

from detkit.registry import MODELS
from detkit.utils import OptConfigType, OptMultiConfig


class ChannelMapper(BaseModule):
    """Scale each level, optionally add extra levels.

    Args:
        in_channels: Channels of each input level.
        out_channels: Channels of every output level.
        num_outs: Levels to output (at least ``len(in_channels)``); None: as many as given.
        norm_cfg: For ``MODELS``, or None.
        act_cfg: For ``MODELS``, or None.
        init_cfg: For ``WEIGHT_INITIALIZERS``.
    """

    def __init__(
        self,
        in_channels: list[int],
        out_channels: int,
        num_outs: int | None = None,
        norm_cfg: OptConfigType = None,
        act_cfg: OptConfigType = None,
        init_cfg: OptMultiConfig = None,
    ) -> None:
        super().__init__(init_cfg)
        self.num_outs = len(in_channels) if num_outs is None else num_outs
        self.scales = [self.add_param(out_channels / channels) for channels in in_channels]
        self.norm = None if norm_cfg is None else build_norm_layer(norm_cfg, out_channels)
        self.act = None if act_cfg is None else build_activation_layer(act_cfg)

    def forward(self, inputs: tuple[list[float], ...]) -> tuple[list[float], ...]:
        """The mapped levels."""
        outs = [[s.value * v for v in x] for s, x in zip(self.scales, inputs, strict=True)]
        while len(outs) < self.num_outs:
            outs.append(outs[-1][::2] or outs[-1])
        if self.act is not None:
            outs = [self.act(x) for x in outs]
        return tuple(outs)


MODELS.register_module(module=ChannelMapper)
