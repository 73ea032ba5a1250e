"""Optimizer wrappers: what ``optim_wrapper=dict(type="OptimWrapper", optimizer=...)`` builds."""

from typing import Annotated

from minengine.parameter import Parameter
from minengine.registry import OPTIM_WRAPPERS, OPTIMIZERS
from minengine.typing_utils import ConfigType, OptConfigType
from typed_registry import ConfigFor


@OPTIM_WRAPPERS.register_module()
class OptimWrapper:
    """Builds the optimizer of its config and runs backward, step and zero_grad.

    Args:
        optimizer: The optimizer's config, for ``OPTIMIZERS``; ``params`` is filled in.
        params: The parameters to optimise (the runner passes the model's).
        accumulative_counts: Step once every this many updates.
        clip_grad: Not a registry config: ``dict(max_norm=35.0)`` clips each gradient.
    """

    def __init__(
        self,
        optimizer: Annotated[ConfigType, ConfigFor(OPTIMIZERS)],
        params: list[Parameter] | None = None,
        accumulative_counts: int = 1,
        clip_grad: OptConfigType = None,
    ) -> None:
        self.params = [] if params is None else params
        self.optimizer = OPTIMIZERS.build(optimizer, default_args={"params": self.params})
        self.accumulative_counts = accumulative_counts
        self.max_norm = None if clip_grad is None else float(clip_grad["max_norm"])
        self.updates = 0

    @property
    def lr(self) -> float:
        """The optimizer's learning rate."""
        return self.optimizer.lr

    @lr.setter
    def lr(self, value: float) -> None:
        self.optimizer.lr = value

    def backward(self, loss: float) -> None:
        """Stand-in for autograd: every gradient moves with the loss and the parameter."""
        for param in self.params:
            grad = param.grad + loss * (0.01 + param.value) / self.accumulative_counts
            if self.max_norm is not None:
                grad = max(-self.max_norm, min(self.max_norm, grad))
            param.grad = grad

    def update_params(self, loss: float) -> None:
        """Backward, then step and zero the gradients every ``accumulative_counts`` calls."""
        self.backward(loss)
        self.updates += 1
        if self.updates % self.accumulative_counts == 0:
            self.optimizer.step()
            self.optimizer.zero_grad()


class AmpOptimWrapper(OptimWrapper):
    """Mixed precision: the loss is scaled before backward and the gradients unscaled."""

    def __init__(
        self,
        optimizer: Annotated[ConfigType, ConfigFor(OPTIMIZERS)],
        params: list[Parameter] | None = None,
        loss_scale: float | str = "dynamic",
        accumulative_counts: int = 1,
        clip_grad: OptConfigType = None,
    ) -> None:
        super().__init__(optimizer, params, accumulative_counts, clip_grad)
        self.loss_scale = 512.0 if loss_scale == "dynamic" else float(loss_scale)

    def backward(self, loss: float) -> None:
        super().backward(loss * self.loss_scale / self.loss_scale)


# The decorator applied by hand: register_module() returns it, and it returns the class.
OPTIM_WRAPPERS.register_module()(AmpOptimWrapper)
