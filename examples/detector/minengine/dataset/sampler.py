"""Samplers: ``sampler=dict(type="DefaultSampler", shuffle=True)`` in a data loader config."""

import random

from minengine.registry import DATA_SAMPLERS


@DATA_SAMPLERS.register_module()
class DefaultSampler:
    """All indices, shuffled with a seed if ``shuffle``."""

    def __init__(self, shuffle: bool = True, seed: int = 0) -> None:
        self.shuffle = shuffle
        self.seed = seed
        self.epoch = 0

    def indices(self, length: int) -> list[int]:
        """The order in which to read a dataset of ``length`` samples."""
        order = list(range(length))
        if self.shuffle:
            random.Random(self.seed + self.epoch).shuffle(order)
        return order


@DATA_SAMPLERS.register_module()
class SequentialSampler:
    """All indices, in order."""

    def indices(self, length: int) -> list[int]:
        """The order in which to read a dataset of ``length`` samples."""
        return list(range(length))
