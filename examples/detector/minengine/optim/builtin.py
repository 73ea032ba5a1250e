"""The optimizer classes of the "framework" (``torch.optim`` in MMEngine's world).

Nothing here knows about registries: :func:`minengine.optim.optimizer.register_builtin_optimizers`
walks this module and registers every optimizer class it finds.
"""

import math

from minengine.parameter import Parameter


class BaseOptimizer:
    """Holds parameters and a learning rate; ``step`` updates the parameters."""

    def __init__(self, params: list[Parameter], lr: float, weight_decay: float = 0.0) -> None:
        self.params = params
        self.lr = lr
        self.weight_decay = weight_decay
        self.steps = 0

    def zero_grad(self) -> None:
        """Forget the gradients."""
        for param in self.params:
            param.grad = 0.0

    def step(self) -> None:
        """Update each parameter from its gradient."""
        self.steps += 1
        for index, param in enumerate(self.params):
            grad = param.grad + self.weight_decay * param.value
            param.value -= self.update(index, grad)

    def update(self, index: int, grad: float) -> float:
        """The amount to subtract from parameter ``index``."""
        del index
        return self.lr * grad


class SGD(BaseOptimizer):
    """Stochastic gradient descent with momentum."""

    def __init__(
        self,
        params: list[Parameter],
        lr: float,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        super().__init__(params, lr, weight_decay)
        self.momentum = momentum
        self.nesterov = nesterov
        self.velocity = [0.0] * len(params)

    def update(self, index: int, grad: float) -> float:
        self.velocity[index] = self.momentum * self.velocity[index] + grad
        if self.nesterov:
            return self.lr * (grad + self.momentum * self.velocity[index])
        return self.lr * self.velocity[index]


class Adam(BaseOptimizer):
    """Adam: moments of the gradient, bias-corrected."""

    def __init__(
        self,
        params: list[Parameter],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr, weight_decay)
        self.betas = betas
        self.eps = eps
        self.first = [0.0] * len(params)
        self.second = [0.0] * len(params)

    def update(self, index: int, grad: float) -> float:
        beta1, beta2 = self.betas
        self.first[index] = beta1 * self.first[index] + (1 - beta1) * grad
        self.second[index] = beta2 * self.second[index] + (1 - beta2) * grad * grad
        first = self.first[index] / (1 - beta1**self.steps)
        second = self.second[index] / (1 - beta2**self.steps)
        return self.lr * first / (math.sqrt(second) + self.eps)


class AdamW(Adam):
    """Adam with a default weight decay."""

    def __init__(
        self,
        params: list[Parameter],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
    ) -> None:
        super().__init__(params, lr, betas, eps, weight_decay)
