"""A parameter: one float and its gradient (torch's ``nn.Parameter``, much reduced)."""


class Parameter:
    """A trainable scalar."""

    __slots__ = ("grad", "value")

    def __init__(self, value: float = 0.0) -> None:
        self.value = value
        self.grad = 0.0

    def __repr__(self) -> str:
        return f"Parameter({self.value:.4f})"
