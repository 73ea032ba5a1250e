"""Models every project shares, registered in the root registry."""

from __future__ import annotations

from typed_registry.demo.registries import MODELS


@MODELS.register_module()
class Linear:
    """``a * x + b``."""

    def __init__(self, a: float = 1.0, b: float = 0.0) -> None:
        self.a = a
        self.b = b

    def forward(self, x: float) -> float:
        """Return ``a * x + b``."""
        return self.a * x + self.b

    def __repr__(self) -> str:
        return f"Linear(a={self.a!r}, b={self.b!r})"
