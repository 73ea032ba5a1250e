"""``RuntimeInfoHook``, registered inside a ``with`` block at module level."""

import warnings
from typing import Any

from minengine.hooks.hook import Hook
from minengine.registry import HOOKS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from minengine.runner import Runner

_PRIORITIES = {10: "VERY_HIGH", 30: "HIGH", 50: "NORMAL", 70: "LOW", 90: "VERY_LOW"}


def legacy_priority(value: int) -> str:
    """Map an MMCV 1.x integer priority to its name (deprecated: write the name)."""
    warnings.warn("integer hook priorities are deprecated", DeprecationWarning, stacklevel=2)
    return _PRIORITIES[value]


with warnings.catch_warnings():
    # The class body still uses the integer priority of its MMCV 1.x ancestor; its
    # deprecation warning is for users' code, not ours.
    warnings.simplefilter("ignore", DeprecationWarning)

    @HOOKS.register_module()
    class RuntimeInfoHook(Hook):
        """Records the learning rate and the losses of every iteration in ``runner.info``."""

        priority = legacy_priority(10)

        def after_train_iter(
            self, runner: "Runner", batch_idx: int, outputs: dict[str, Any]
        ) -> None:
            runner.info["lr"] = runner.optim_wrapper.lr
            runner.info.update(outputs)
