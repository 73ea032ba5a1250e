"""Datasets, samplers, transforms and the data loader (importing this registers them)."""

from minengine.dataset.base_dataset import BaseDataset
from minengine.dataset.dataloader import DataLoader
from minengine.dataset.dataset_wrapper import ConcatDataset, RepeatDataset
from minengine.dataset.sampler import DefaultSampler, SequentialSampler
from minengine.dataset.transforms import BaseTransform, Compose, LoadImageFromFile

__all__ = [
    "BaseDataset",
    "BaseTransform",
    "Compose",
    "ConcatDataset",
    "DataLoader",
    "DefaultSampler",
    "LoadImageFromFile",
    "RepeatDataset",
    "SequentialSampler",
]
