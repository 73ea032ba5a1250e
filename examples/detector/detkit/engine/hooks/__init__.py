"""detkit's hooks (the location of its ``HOOKS``)."""

from detkit.engine.hooks.checkpoint_hook import DetCheckpointHook
from detkit.engine.hooks.visualization_hook import DetVisualizationHook, NumClassCheckHook

__all__ = ["DetCheckpointHook", "DetVisualizationHook", "NumClassCheckHook"]
