"""Registering the framework's optimizers, as MMEngine's ``register_torch_optimizers`` does."""

import inspect

from minengine.optim import builtin
from minengine.registry import OPTIMIZERS


def register_builtin_optimizers() -> list[str]:
    """Register every optimizer class of :mod:`minengine.optim.builtin` in ``OPTIMIZERS``.

    Returns:
        The names registered.
    """
    registered: list[str] = []
    for name, obj in inspect.getmembers(builtin, inspect.isclass):
        if name.startswith("_") or obj is builtin.BaseOptimizer:
            continue
        if issubclass(obj, builtin.BaseOptimizer):
            OPTIMIZERS.register_module(module=obj)
            registered.append(name)
    return registered


#: Called at import: which names it registers depends on what ``builtin`` holds.
BUILTIN_OPTIMIZERS = register_builtin_optimizers()
