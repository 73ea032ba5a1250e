"""Modules, layers and weight initialisers (importing this registers them)."""

from minengine.model.base_module import BaseModule
from minengine.model.data_preprocessor import ImgDataPreprocessor
from minengine.model.layers import build_activation_layer, build_norm_layer
from minengine.model.weight_init import initialize
from minengine.parameter import Parameter

__all__ = [
    "BaseModule",
    "ImgDataPreprocessor",
    "Parameter",
    "build_activation_layer",
    "build_norm_layer",
    "initialize",
]
