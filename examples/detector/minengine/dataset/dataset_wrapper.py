"""Datasets made of other datasets; their configs nest dataset configs."""

from typing import Any

from minengine.registry import DATASETS
from minengine.typing_utils import ConfigType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from minengine.protocols import Dataset


@DATASETS.register_module()
class ConcatDataset:
    """The samples of several datasets, one after the other.

    Args:
        datasets: Configs for ``DATASETS`` (the annotation says only "configs").
    """

    def __init__(self, datasets: list[ConfigType]) -> None:
        self.datasets: list[Dataset] = [DATASETS.build(cfg) for cfg in datasets]

    def __len__(self) -> int:
        return sum(len(dataset) for dataset in self.datasets)

    def __getitem__(self, index: int) -> dict[str, Any]:
        for dataset in self.datasets:
            if index < len(dataset):
                return dataset[index]
            index -= len(dataset)
        raise IndexError(index)


@DATASETS.register_module()
class RepeatDataset:
    """A dataset repeated ``times`` times (short epochs on small datasets)."""

    def __init__(self, dataset: ConfigType, times: int) -> None:
        self.dataset: Dataset = DATASETS.build(dataset)
        self.times = times

    def __len__(self) -> int:
        return self.times * len(self.dataset)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.dataset[index % len(self.dataset)]
