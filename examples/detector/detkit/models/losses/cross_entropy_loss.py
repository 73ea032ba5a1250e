"""Cross-entropy loss."""

import math

from minengine.model import BaseModule

from detkit.registry import MODELS


@MODELS.register_module()
class CrossEntropyLoss(BaseModule):
    """Binary (``use_sigmoid``) or softmax cross-entropy."""

    def __init__(
        self,
        use_sigmoid: bool = False,
        reduction: str = "mean",
        class_weight: list[float] | None = None,
        loss_weight: float = 1.0,
    ) -> None:
        super().__init__()
        self.use_sigmoid = use_sigmoid
        self.reduction = reduction
        self.class_weight = class_weight
        self.loss_weight = loss_weight

    def forward(self, pred: list[float], target: list[float]) -> float:
        """The loss of ``pred`` (logits) against ``target`` (0/1, or one-hot)."""
        if self.use_sigmoid:
            probs = [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, v)))) for v in pred]
        else:
            top = max(pred)
            exps = [math.exp(v - top) for v in pred]
            probs = [e / sum(exps) for e in exps]
        total = -sum(
            t * math.log(max(p, 1e-12)) + (1 - t) * math.log(max(1 - p, 1e-12))
            for p, t in zip(probs, target, strict=True)
        )
        if self.reduction == "mean" and pred:
            total /= len(pred)
        return self.loss_weight * total
