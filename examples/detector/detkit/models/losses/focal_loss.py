"""Focal loss (registered through the 2.x alias ``LOSSES``)."""

import math

from minengine.model import BaseModule

from detkit.models.builder import LOSSES


@LOSSES.register_module()
class FocalLoss(BaseModule):
    """Cross-entropy that down-weights easy examples by ``(1 - p) ** gamma``."""

    def __init__(
        self,
        use_sigmoid: bool = True,
        gamma: float = 2.0,
        alpha: float = 0.25,
        reduction: str = "mean",
        loss_weight: float = 1.0,
    ) -> None:
        super().__init__()
        if not use_sigmoid:
            msg = "only the sigmoid focal loss is supported"
            raise NotImplementedError(msg)
        self.gamma = gamma
        self.alpha = alpha
        self.reduction = reduction
        self.loss_weight = loss_weight

    def forward(self, pred: list[float], target: list[float]) -> float:
        """The loss of sigmoid(``pred``) against 0/1 ``target``."""
        total = 0.0
        for logit, label in zip(pred, target, strict=True):
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
            pt = p if label > 0 else 1.0 - p
            weight = self.alpha if label > 0 else 1.0 - self.alpha
            total -= weight * (1.0 - pt) ** self.gamma * math.log(max(pt, 1e-12))
        if self.reduction == "mean" and pred:
            total /= len(pred)
        return self.loss_weight * total
