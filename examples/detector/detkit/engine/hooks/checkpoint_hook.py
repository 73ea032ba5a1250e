"""Replaces the engine's ``CheckpointHook`` in the engine's own registry (``force=True``)."""

from typing import Any

from minengine.hooks import CheckpointHook
from minengine.registry import HOOKS as ENGINE_HOOKS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from minengine.runner import Runner


# The engine registered "CheckpointHook" when minengine.hooks was imported (just above):
# without force=True this registration would raise DuplicateNameError. Every codebase of the
# tree builds this class for "CheckpointHook" once detkit's hooks are imported.
@ENGINE_HOOKS.register_module(name="CheckpointHook", force=True)
class DetCheckpointHook(CheckpointHook):
    """The engine's checkpoint, plus the dataset's class names."""

    def state(self, runner: "Runner") -> dict[str, Any]:
        state = super().state(runner)
        state["classes"] = runner.info.get("classes", ())
        return state
