"""ResNet and ResNeXt backbones: a feature map per stage, each half the previous one."""

from minengine.model import BaseModule, build_activation_layer, build_norm_layer

from detkit.models.builder import BACKBONES
from detkit.registry import MODELS
from detkit.utils import ConfigType, OptMultiConfig


class ResLayer(BaseModule):
    """One stage: ``num_blocks`` scaled residual blocks, then a 2x downsampling."""

    def __init__(self, num_blocks: int, channels: int, norm_cfg: ConfigType) -> None:
        super().__init__()
        self.scales = [self.add_param(1.0) for _ in range(num_blocks)]
        self.norm = build_norm_layer(norm_cfg, channels)
        self.act = build_activation_layer({"type": "ReLU"})

    def forward(self, x: list[float]) -> list[float]:
        """Residual blocks, then average neighbouring pairs."""
        for scale in self.scales:
            x = [v + scale.value * a for v, a in zip(x, self.act(self.norm(x)), strict=True)]
        if len(x) == 1:
            return x
        return [(x[i] + x[i + 1]) / 2 for i in range(0, len(x) - 1, 2)]


@BACKBONES.register_module()
class ResNet(BaseModule):
    """ResNet of a given depth.

    Args:
        depth: 18, 34, 50, 101 or 152.
        in_channels: Input channels.
        num_stages: How many stages to build (1 to 4).
        out_indices: The stages whose outputs are returned.
        frozen_stages: Stages up to this one are not trained (-1: none).
        norm_cfg: The norm layers' config, for ``MODELS`` (``num_features`` is filled in).
        norm_eval: Keep the norm layers in eval mode while training.
        init_cfg: For ``WEIGHT_INITIALIZERS``, e.g. ``dict(type="Pretrained", ...)``.
    """

    arch_settings: dict[int, tuple[int, ...]] = {
        18: (2, 2, 2, 2),
        34: (3, 4, 6, 3),
        50: (3, 4, 6, 3),
        101: (3, 4, 23, 3),
        152: (3, 8, 36, 3),
    }

    def __init__(
        self,
        depth: int,
        in_channels: int = 3,
        num_stages: int = 4,
        out_indices: tuple[int, ...] = (0, 1, 2, 3),
        frozen_stages: int = -1,
        norm_cfg: ConfigType = dict(type="BN", requires_grad=True),
        norm_eval: bool = True,
        init_cfg: OptMultiConfig = None,
    ) -> None:
        super().__init__(init_cfg)
        if depth not in self.arch_settings:
            msg = f"invalid depth {depth} for resnet"
            raise KeyError(msg)
        self.depth = depth
        self.in_channels = in_channels
        self.out_indices = out_indices
        self.frozen_stages = frozen_stages
        self.norm_eval = norm_eval
        self.stem = build_norm_layer(norm_cfg, 64)
        self.layers = [
            ResLayer(blocks, 64 * 2**i, norm_cfg)
            for i, blocks in enumerate(self.arch_settings[depth][:num_stages])
        ]

    def forward(self, x: list[float]) -> tuple[list[float], ...]:
        """The outputs of the stages in ``out_indices``."""
        x = self.stem(x)
        outs: list[list[float]] = []
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i in self.out_indices:
                outs.append(x)
        return tuple(outs)


@MODELS.register_module()
class ResNeXt(ResNet):
    """ResNet with grouped convolutions: ``groups`` of ``base_width`` channels."""

    def __init__(
        self,
        depth: int,
        groups: int = 32,
        base_width: int = 4,
        num_stages: int = 4,
        out_indices: tuple[int, ...] = (0, 1, 2, 3),
        frozen_stages: int = -1,
        norm_cfg: ConfigType = dict(type="BN", requires_grad=True),
        init_cfg: OptMultiConfig = None,
    ) -> None:
        super().__init__(
            depth,
            num_stages=num_stages,
            out_indices=out_indices,
            frozen_stages=frozen_stages,
            norm_cfg=norm_cfg,
            init_cfg=init_cfg,
        )
        self.groups = groups
        self.base_width = base_width
