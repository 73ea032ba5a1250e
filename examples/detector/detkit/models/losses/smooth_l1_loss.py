"""L1 and smooth L1 losses, registered in a loop; a preset registered as a function."""

from minengine.model import BaseModule

from detkit.registry import MODELS


class L1Loss(BaseModule):
    """Mean absolute error."""

    def __init__(self, reduction: str = "mean", loss_weight: float = 1.0) -> None:
        super().__init__()
        self.reduction = reduction
        self.loss_weight = loss_weight

    def elementwise(self, diff: float) -> float:
        """The loss of one difference."""
        return abs(diff)

    def forward(self, pred: list[float], target: list[float]) -> float:
        """The loss of ``pred`` against ``target``."""
        losses = [self.elementwise(p - t) for p, t in zip(pred, target, strict=True)]
        total = sum(losses)
        if self.reduction == "mean" and losses:
            total /= len(losses)
        return self.loss_weight * total


class SmoothL1Loss(L1Loss):
    """Quadratic below ``beta``, linear above."""

    def __init__(
        self, beta: float = 1.0, reduction: str = "mean", loss_weight: float = 1.0
    ) -> None:
        super().__init__(reduction, loss_weight)
        self.beta = beta

    def elementwise(self, diff: float) -> float:
        diff = abs(diff)
        return 0.5 * diff * diff / self.beta if diff < self.beta else diff - 0.5 * self.beta


for loss in (L1Loss, SmoothL1Loss):
    MODELS.register_module(module=loss)


@MODELS.register_module()
def balanced_l1_loss(beta: float = 1.0, loss_weight: float = 1.0) -> SmoothL1Loss:
    """A preset, built by calling this function: Libra R-CNN's setting of the smooth L1."""
    return SmoothL1Loss(beta=beta, reduction="mean", loss_weight=1.5 * loss_weight)
