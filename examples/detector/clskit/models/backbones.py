"""Backbones: clskit's own ``ResNet`` (detkit has one too) and a vision transformer."""

from minengine.model import BaseModule, build_norm_layer
from minengine.typing_utils import ConfigType, OptMultiConfig

from clskit.registry import MODELS


@MODELS.register_module()
class ResNet(BaseModule):
    """A classification ResNet: only the last stage's output by default.

    Args:
        depth: 18, 34 or 50.
        num_stages: Stages to build.
        out_indices: Stages whose outputs are returned.
        norm_cfg: For ``MODELS``.
        init_cfg: For ``WEIGHT_INITIALIZERS``.
    """

    depths = {18: 2, 34: 3, 50: 4}

    def __init__(
        self,
        depth: int,
        num_stages: int = 4,
        out_indices: tuple[int, ...] = (3,),
        norm_cfg: ConfigType = dict(type="BN"),
        init_cfg: OptMultiConfig = None,
    ) -> None:
        super().__init__(init_cfg)
        self.out_indices = out_indices
        self.norm = build_norm_layer(norm_cfg, 64)
        self.stages = [self.add_param(1.0 / (1 + i)) for i in range(num_stages)]
        self.blocks = self.depths[depth]

    def forward(self, x: list[float]) -> tuple[list[float], ...]:
        """The outputs of the stages in ``out_indices``."""
        outs: list[list[float]] = []
        for i, stage in enumerate(self.stages):
            for _ in range(self.blocks):
                x = [v + stage.value * n for v, n in zip(x, self.norm(x), strict=True)]
            if i in self.out_indices:
                outs.append(x)
        return tuple(outs)


@MODELS.register_module(name="ViT")
class VisionTransformer(BaseModule):
    """A vision transformer, registered as ``ViT``."""

    arch_zoo = {"tiny": 3, "small": 6, "base": 12}

    def __init__(self, arch: str = "base", patch_size: int = 16, drop_rate: float = 0.0) -> None:
        super().__init__()
        self.patch_size = patch_size
        self.drop_rate = drop_rate
        self.layers = [self.add_param(0.9) for _ in range(self.arch_zoo[arch])]

    def forward(self, x: list[float]) -> tuple[list[float], ...]:
        """The last layer's tokens."""
        for layer in self.layers:
            mean = sum(x) / len(x)
            x = [v + layer.value * (mean - v) for v in x]
        return (x,)
