"""Classification losses: clskit's own ``CrossEntropyLoss`` (detkit has another)."""

import math

from minengine.model import BaseModule

from clskit.registry import MODELS


@MODELS.register_module()
class CrossEntropyLoss(BaseModule):
    """Softmax cross-entropy."""

    def __init__(self, use_soft: bool = False, loss_weight: float = 1.0) -> None:
        super().__init__()
        self.use_soft = use_soft
        self.loss_weight = loss_weight

    def forward(self, pred: list[float], target: list[float]) -> float:
        """The loss of ``pred`` (logits) against a one-hot or soft ``target``."""
        top = max(pred)
        log_sum = top + math.log(sum(math.exp(v - top) for v in pred))
        return self.loss_weight * -sum(t * (v - log_sum) for v, t in zip(pred, target, strict=True))


@MODELS.register_module()
class LabelSmoothLoss(CrossEntropyLoss):
    """Cross-entropy against labels smoothed by ``label_smooth_val``."""

    def __init__(
        self, label_smooth_val: float, mode: str = "original", loss_weight: float = 1.0
    ) -> None:
        super().__init__(use_soft=True, loss_weight=loss_weight)
        self.label_smooth_val = label_smooth_val
        self.mode = mode

    def forward(self, pred: list[float], target: list[float]) -> float:
        eps = self.label_smooth_val
        smoothed = [t * (1 - eps) + eps / len(target) for t in target]
        return super().forward(pred, smoothed)
