"""The engine's hooks (importing this registers them)."""

from minengine.hooks.basic_hooks import (
    CheckpointHook,
    DistSamplerSeedHook,
    IterTimerHook,
    LoggerHook,
    ParamSchedulerHook,
)
from minengine.hooks.hook import Hook
from minengine.hooks.runtime_info_hook import RuntimeInfoHook

__all__ = [
    "CheckpointHook",
    "DistSamplerSeedHook",
    "Hook",
    "IterTimerHook",
    "LoggerHook",
    "ParamSchedulerHook",
    "RuntimeInfoHook",
]
