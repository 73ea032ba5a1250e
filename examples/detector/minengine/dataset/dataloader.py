"""``DataLoader``: batches of samples (built by the runner from ``train_dataloader``)."""

from collections.abc import Iterator
from typing import Any

from minengine.protocols import Dataset, Sampler


class DataLoader:
    """Reads a dataset in the sampler's order, ``batch_size`` samples at a time."""

    def __init__(self, dataset: Dataset, sampler: Sampler, batch_size: int = 1) -> None:
        self.dataset = dataset
        self.sampler = sampler
        self.batch_size = batch_size

    def __iter__(self) -> Iterator[list[dict[str, Any]]]:
        order = self.sampler.indices(len(self.dataset))
        for start in range(0, len(order), self.batch_size):
            yield [self.dataset[index] for index in order[start : start + self.batch_size]]

    def __len__(self) -> int:
        return (len(self.dataset) + self.batch_size - 1) // self.batch_size
