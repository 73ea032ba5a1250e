"""FPN: a feature pyramid, registered under two names."""

from minengine.model import BaseModule, build_norm_layer

from detkit.models.builder import NECKS
from detkit.utils import ConfigType, MultiConfig, OptConfigType


@NECKS.register_module(name=["FPN", "FeaturePyramid"])
class FPN(BaseModule):
    """Feature Pyramid Network: top-down sums of lateral features, plus extra levels.

    Args:
        in_channels: Channels of each input level.
        out_channels: Channels of every output level.
        num_outs: How many levels to output (extra ones downsample the last).
        start_level: The first input level used.
        add_extra_convs: False, or where extra levels come from (``"on_input"``...).
        norm_cfg: For ``MODELS``, or None for no norm.
        upsample_cfg: Not a registry config: ``dict(mode="nearest")`` is read directly.
        init_cfg: For ``WEIGHT_INITIALIZERS``.
    """

    def __init__(
        self,
        in_channels: list[int],
        out_channels: int,
        num_outs: int,
        start_level: int = 0,
        add_extra_convs: bool | str = False,
        norm_cfg: OptConfigType = None,
        upsample_cfg: ConfigType = dict(mode="nearest"),
        init_cfg: MultiConfig = dict(type="Normal", layer="Conv2d", std=0.01),
    ) -> None:
        super().__init__(init_cfg)
        if num_outs < len(in_channels) - start_level:
            msg = "num_outs must cover the input levels used"
            raise ValueError(msg)
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.num_outs = num_outs
        self.start_level = start_level
        self.add_extra_convs = add_extra_convs
        self.upsample_mode = upsample_cfg["mode"]
        self.laterals = [self.add_param(1.0) for _ in in_channels[start_level:]]
        self.norm = None if norm_cfg is None else build_norm_layer(norm_cfg, out_channels)

    def forward(self, inputs: tuple[list[float], ...]) -> tuple[list[float], ...]:
        """The pyramid's levels, finest first."""
        used = inputs[self.start_level :]
        laterals = [[w.value * v for v in x] for w, x in zip(self.laterals, used, strict=True)]
        for i in range(len(laterals) - 1, 0, -1):
            coarse = laterals[i]
            fine = laterals[i - 1]
            laterals[i - 1] = [v + coarse[j * len(coarse) // len(fine)] for j, v in enumerate(fine)]
        outs = laterals
        while len(outs) < self.num_outs:
            last = outs[-1]
            outs.append(last[::2] if len(last) > 1 else list(last))
        if self.norm is not None:
            outs = [self.norm(x) if len(x) > 1 else x for x in outs]
        return tuple(outs)
