"""MMCV's shared ``MODELS`` registry: the root of the tree (``from mmcv.cnn import MODELS``)."""

from typing import Protocol

from typed_registry import Registry


class Model(Protocol):
    """What every registered model does."""

    def forward(self, x: int) -> int:
        """Return the model's output for ``x``."""
        ...


MODELS: Registry[Model] = Registry("model", scope="mmcv")
