"""Classification models: a class and a registered factory function."""

from __future__ import annotations

from typed_registry.demo.registries import CLS_MODELS


@CLS_MODELS.register_module()
class Scaler:
    """Multiplies by ``factor``."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def forward(self, x: float) -> float:
        """Return ``factor * x``."""
        return self.factor * x

    def __repr__(self) -> str:
        return f"Scaler(factor={self.factor!r})"


@CLS_MODELS.register_module()
def make_doubler() -> Scaler:
    """A registered function: ``build`` calls it and returns its result."""
    return Scaler(2.0)
