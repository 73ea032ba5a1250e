"""Necks and heads of classifiers."""

from typing import Annotated

from minengine.model import BaseModule
from minengine.registry import WEIGHT_INITIALIZERS
from minengine.typing_utils import ConfigType, OptMultiConfig

from clskit.registry import MODELS
from typed_registry import ConfigFor


@MODELS.register_module()
class GlobalAveragePooling(BaseModule):
    """The mean of each level."""

    def __init__(self, dim: int = 2) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, inputs: tuple[list[float], ...]) -> tuple[list[float], ...]:
        """One value per level."""
        return tuple([sum(level) / len(level)] for level in inputs)


@MODELS.register_module()
class LinearClsHead(BaseModule):
    """A linear classifier on the last level's pooled features.

    Args:
        num_classes: Number of classes.
        in_channels: Input channels.
        loss: For ``MODELS`` (said in the annotation).
        topk: The k of the accuracy reported in training.
        init_cfg: For ``WEIGHT_INITIALIZERS``: one config or a list (said in the annotation).
    """

    def __init__(
        self,
        num_classes: int,
        in_channels: int,
        loss: Annotated[ConfigType, ConfigFor(MODELS)] = dict(
            type="CrossEntropyLoss", loss_weight=1.0
        ),
        topk: int | tuple[int, ...] = (1,),
        init_cfg: Annotated[OptMultiConfig, ConfigFor(WEIGHT_INITIALIZERS)] = dict(
            type="Normal", layer="Linear", std=0.01
        ),
    ) -> None:
        super().__init__(init_cfg)
        self.num_classes = num_classes
        self.in_channels = in_channels
        self.loss_module = MODELS.build(loss)
        self.topk = topk
        self.weights = [self.add_param(0.01 * (i + 1)) for i in range(num_classes)]

    def forward(self, feats: tuple[list[float], ...]) -> list[float]:
        """The class scores."""
        pooled = feats[-1][0]
        return [w.value * pooled for w in self.weights]

    def loss(self, feats: tuple[list[float], ...], label: int) -> float:
        """The loss of the scores against ``label``."""
        target = [float(i == label) for i in range(self.num_classes)]
        loss: float = self.loss_module(self(feats), target)
        return loss
