"""A warm-up whose factor grows quadratically (YOLOX's)."""

from minengine.optim import LRScheduler, OptimWrapper
from minengine.optim.scheduler import INF

from detkit.registry import PARAM_SCHEDULERS


@PARAM_SCHEDULERS.register_module()
class QuadraticWarmupLR(LRScheduler):
    """The factor goes from 0 to 1 as (step / end) ** 2."""

    def __init__(
        self, optimizer: OptimWrapper, begin: int = 0, end: int = INF, by_epoch: bool = True
    ) -> None:
        super().__init__(optimizer, begin, end, by_epoch)

    def factor(self, step: int) -> float:
        span = max(1, min(self.end, 1000) - self.begin)
        return min(1.0, ((step + 1) / span) ** 2)
