"""``RetinaHead``: an anchor head with stacked convolutions; other options pass through."""

from typing import Annotated, Any

from minengine.model import build_norm_layer

from detkit.models.builder import HEADS
from detkit.models.dense_heads.anchor_head import AnchorHead
from detkit.registry import TASK_UTILS
from detkit.utils import ConfigType, OptConfigType, OptMultiConfig
from typed_registry import ConfigFor


@HEADS.register_module()
class RetinaHead(AnchorHead):
    """RetinaNet's head.

    Args:
        num_classes: Number of object classes.
        in_channels: Channels of the input levels.
        stacked_convs: Convolutions before the classifier and the regressor.
        conv_cfg: Plain settings of the convolutions (None: the default).
        norm_cfg: For ``MODELS``, or None.
        anchor_generator: For ``TASK_UTILS``.
        init_cfg: For ``WEIGHT_INITIALIZERS``; its ``override`` is another of them.
        **kwargs: Passed to :class:`AnchorHead` (``loss_cls``, ``bbox_coder``...), as
            MMDetection's heads do: no checker sees them as this class's parameters.
    """

    def __init__(
        self,
        num_classes: int,
        in_channels: int,
        stacked_convs: int = 4,
        conv_cfg: OptConfigType = None,
        norm_cfg: OptConfigType = None,
        anchor_generator: Annotated[ConfigType, ConfigFor(TASK_UTILS)] = dict(
            type="AnchorGenerator",
            octave_base_scale=4,
            scales_per_octave=3,
            ratios=[0.5, 1.0, 2.0],
            strides=[8, 16, 32, 64, 128],
        ),
        init_cfg: OptMultiConfig = dict(
            type="Normal",
            layer="Conv2d",
            std=0.01,
            override=dict(type="Normal", name="retina_cls", std=0.01, bias_prob=0.01),
        ),
        **kwargs: Any,
    ) -> None:
        super().__init__(
            num_classes,
            in_channels,
            anchor_generator=anchor_generator,
            init_cfg=init_cfg,
            **kwargs,
        )
        self.stacked_convs = stacked_convs
        self.conv_cfg = conv_cfg or {}
        self.cls_convs = [self.add_param(1.0) for _ in range(stacked_convs)]
        self.norm = None if norm_cfg is None else build_norm_layer(norm_cfg, in_channels)

    def forward(self, feats: tuple[list[float], ...]) -> tuple[list[list[float]], ...]:
        """Stacked scalings, then :meth:`AnchorHead.forward`."""
        for conv in self.cls_convs:
            feats = tuple([max(0.0, conv.value * v) for v in level] for level in feats)
        if self.norm is not None:
            feats = tuple(self.norm(level) if len(level) > 1 else level for level in feats)
        return super().forward(feats)
