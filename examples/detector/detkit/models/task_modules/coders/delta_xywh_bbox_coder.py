"""Box coders: boxes as deltas from anchors, and back."""

from collections.abc import Sequence

from detkit.registry import TASK_UTILS


@TASK_UTILS.register_module()
class DeltaXYWHBBoxCoder:
    """Normalised (dx, dy, dw, dh) deltas, here for one number per box (its size)."""

    def __init__(
        self,
        target_means: Sequence[float] = (0.0, 0.0, 0.0, 0.0),
        target_stds: Sequence[float] = (1.0, 1.0, 1.0, 1.0),
        clip_border: bool = True,
    ) -> None:
        self.mean = target_means[0]
        self.std = target_stds[0]
        self.clip_border = clip_border

    def encode(self, anchors: list[float], sizes: list[float]) -> list[float]:
        """The deltas that turn ``anchors`` into ``sizes``."""
        return [
            ((s - a) / max(a, 1e-6) - self.mean) / self.std
            for a, s in zip(anchors, sizes, strict=False)
        ]

    def decode(self, anchors: list[float], deltas: list[float]) -> list[float]:
        """The sizes that ``deltas`` give from ``anchors``."""
        sizes = [
            a * (1.0 + d * self.std + self.mean) for a, d in zip(anchors, deltas, strict=False)
        ]
        return [max(0.0, s) for s in sizes] if self.clip_border else sizes
