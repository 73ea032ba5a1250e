"""``Hook``: the base class of everything ``HOOKS`` builds (the registry's bound)."""

from typing import Any

TYPE_CHECKING = False
if TYPE_CHECKING:
    from minengine.runner import Runner


class Hook:
    """Called by the runner at fixed points of training; every method does nothing here."""

    priority = "NORMAL"

    def before_run(self, runner: "Runner") -> None:
        """Before anything is built for training."""

    def before_train_epoch(self, runner: "Runner") -> None:
        """At the start of each epoch."""

    def after_train_iter(self, runner: "Runner", batch_idx: int, outputs: dict[str, Any]) -> None:
        """After each training iteration, with the losses."""

    def after_train_epoch(self, runner: "Runner") -> None:
        """At the end of each epoch."""

    def after_val_epoch(self, runner: "Runner", metrics: dict[str, float]) -> None:
        """After each validation, with the metrics."""

    def after_run(self, runner: "Runner") -> None:
        """When training ends."""
