"""Anchor generators; a class method is registered as a second, preset constructor."""

from typing import Self

from detkit.registry import TASK_UTILS


@TASK_UTILS.register_module()
class AnchorGenerator:
    """The anchors of each pyramid level: ``len(ratios) * len(scales)`` per position.

    Either ``scales`` or both ``octave_base_scale`` and ``scales_per_octave`` are given.

    Args:
        strides: The stride of each level.
        ratios: Height/width ratios.
        scales: Anchor scales (relative to the stride).
        base_sizes: The base size of each level (default: its stride).
        octave_base_scale: The base of the octave scales.
        scales_per_octave: How many scales per octave.
        center_offset: Where the anchor's center sits in its cell (0 to 1).
    """

    def __init__(
        self,
        strides: list[int],
        ratios: list[float],
        scales: list[float] | None = None,
        base_sizes: list[int] | None = None,
        octave_base_scale: int | None = None,
        scales_per_octave: int | None = None,
        center_offset: float = 0.0,
    ) -> None:
        if scales is not None:
            if octave_base_scale is not None or scales_per_octave is not None:
                msg = "give either scales or octave_base_scale with scales_per_octave"
                raise ValueError(msg)
            self.scales = list(scales)
        elif octave_base_scale is not None and scales_per_octave is not None:
            self.scales = [
                octave_base_scale * 2 ** (i / scales_per_octave) for i in range(scales_per_octave)
            ]
        else:
            msg = "scales, or octave_base_scale and scales_per_octave, must be given"
            raise ValueError(msg)
        self.strides = strides
        self.ratios = ratios
        self.base_sizes = list(strides) if base_sizes is None else base_sizes
        self.center_offset = center_offset

    @classmethod
    def retina(cls, strides: list[int] | None = None) -> Self:
        """RetinaNet's anchors: 3 octave scales of base 4, 3 ratios."""
        return cls(
            strides=[8, 16, 32, 64, 128] if strides is None else strides,
            ratios=[0.5, 1.0, 2.0],
            octave_base_scale=4,
            scales_per_octave=3,
        )

    @property
    def num_base_priors(self) -> int:
        """Anchors per position."""
        return len(self.ratios) * len(self.scales)

    def grid_priors(self, featmap_sizes: list[int]) -> list[list[float]]:
        """For each level, the anchors' areas at every position of a map of that size."""
        return [
            [
                base * scale * (1.0 + self.center_offset) * ratio
                for _ in range(size)
                for scale in self.scales
                for ratio in self.ratios
            ]
            for size, base in zip(featmap_sizes, self.base_sizes, strict=False)
        ]


# A preset constructor: a config says dict(type="RetinaAnchorGenerator", strides=[...]).
TASK_UTILS.register_module(name="RetinaAnchorGenerator", module=AnchorGenerator.retina)
