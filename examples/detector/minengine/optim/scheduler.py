"""Learning-rate schedulers: ``param_scheduler=[dict(type="LinearLR", ...), ...]``."""

import math

from minengine.optim.optim_wrapper import OptimWrapper
from minengine.registry import PARAM_SCHEDULERS

INF = 10**9


class LRScheduler:
    """Sets the learning rate at each step in ``[begin, end)``.

    Args:
        optimizer: The optim wrapper (the runner passes it).
        begin: The first step this scheduler acts on.
        end: The step it stops at.
        by_epoch: Whether steps are epochs (else iterations); kept for the runner.
    """

    def __init__(
        self,
        optimizer: OptimWrapper,
        begin: int = 0,
        end: int = INF,
        by_epoch: bool = True,
    ) -> None:
        self.optimizer = optimizer
        self.base_lr = optimizer.lr
        self.begin = begin
        self.end = end
        self.by_epoch = by_epoch
        self.last_step = 0

    def factor(self, step: int) -> float:
        """The factor applied to the base learning rate at ``step``."""
        raise NotImplementedError

    def step(self) -> None:
        """Advance one step and set the learning rate if this scheduler is active."""
        if self.begin <= self.last_step < self.end:
            self.optimizer.lr = self.base_lr * self.factor(self.last_step - self.begin)
        self.last_step += 1


@PARAM_SCHEDULERS.register_module()
class LinearLR(LRScheduler):
    """Warm-up: the factor goes linearly from ``start_factor`` to ``end_factor``."""

    def __init__(
        self,
        optimizer: OptimWrapper,
        start_factor: float = 1.0 / 3,
        end_factor: float = 1.0,
        begin: int = 0,
        end: int = INF,
        by_epoch: bool = True,
    ) -> None:
        super().__init__(optimizer, begin, end, by_epoch)
        self.start_factor = start_factor
        self.end_factor = end_factor

    def factor(self, step: int) -> float:
        span = max(1, min(self.end, 1000) - self.begin)
        return self.start_factor + (self.end_factor - self.start_factor) * min(1.0, step / span)


@PARAM_SCHEDULERS.register_module()
class MultiStepLR(LRScheduler):
    """Multiply by ``gamma`` at each milestone."""

    def __init__(
        self,
        optimizer: OptimWrapper,
        milestones: list[int],
        gamma: float = 0.1,
        begin: int = 0,
        end: int = INF,
        by_epoch: bool = True,
    ) -> None:
        super().__init__(optimizer, begin, end, by_epoch)
        self.milestones = milestones
        self.gamma = gamma

    def factor(self, step: int) -> float:
        return self.gamma ** sum(step >= milestone for milestone in self.milestones)


@PARAM_SCHEDULERS.register_module()
class CosineAnnealingLR(LRScheduler):
    """Cosine decay to ``eta_min`` over ``T_max`` steps."""

    def __init__(
        self,
        optimizer: OptimWrapper,
        T_max: int,  # noqa: N803 (the config key is torch's)
        eta_min: float = 0.0,
        begin: int = 0,
        end: int = INF,
        by_epoch: bool = True,
    ) -> None:
        super().__init__(optimizer, begin, end, by_epoch)
        self.t_max = T_max
        self.eta_min = eta_min

    def factor(self, step: int) -> float:
        cosine = (1 + math.cos(math.pi * min(step, self.t_max) / self.t_max)) / 2
        floor = self.eta_min / self.base_lr if self.base_lr else 0.0
        return floor + (1 - floor) * cosine
