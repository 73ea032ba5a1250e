"""The default hooks of a runner: timer, logger, scheduler stepping, checkpoints."""

import time
from typing import Any

from minengine.hooks.hook import Hook
from minengine.registry import HOOKS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from minengine.runner import Runner


@HOOKS.register_module()
class IterTimerHook(Hook):
    """Measures the time each iteration takes."""

    priority = "NORMAL"

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.times: list[float] = []

    def after_train_iter(self, runner: "Runner", batch_idx: int, outputs: dict[str, Any]) -> None:
        now = time.perf_counter()
        self.times.append(now - self.start)
        self.start = now


@HOOKS.register_module()
class LoggerHook(Hook):
    """Appends a line with the losses to ``runner.log`` every ``interval`` iterations."""

    priority = "BELOW_NORMAL"

    def __init__(self, interval: int = 10, ignore_last: bool = True) -> None:
        self.interval = interval
        self.ignore_last = ignore_last

    def after_train_iter(self, runner: "Runner", batch_idx: int, outputs: dict[str, Any]) -> None:
        if (batch_idx + 1) % self.interval == 0:
            losses = ", ".join(f"{key}: {value:.4f}" for key, value in sorted(outputs.items()))
            runner.log.append(f"epoch {runner.epoch} iter {batch_idx + 1}: {losses}")

    def after_val_epoch(self, runner: "Runner", metrics: dict[str, float]) -> None:
        runner.log.append(f"epoch {runner.epoch} val: {metrics}")


@HOOKS.register_module()
class ParamSchedulerHook(Hook):
    """Steps the runner's parameter schedulers after each epoch (or iteration)."""

    priority = "LOW"

    def after_train_iter(self, runner: "Runner", batch_idx: int, outputs: dict[str, Any]) -> None:
        for scheduler in runner.param_schedulers:
            if not scheduler.by_epoch:
                scheduler.step()

    def after_train_epoch(self, runner: "Runner") -> None:
        for scheduler in runner.param_schedulers:
            if scheduler.by_epoch:
                scheduler.step()


@HOOKS.register_module()
class CheckpointHook(Hook):
    """Saves a "checkpoint" (the parameter values) in ``runner.checkpoints``."""

    priority = "VERY_LOW"

    def __init__(
        self,
        interval: int = 1,
        by_epoch: bool = True,
        max_keep_ckpts: int = -1,
        save_best: str | None = None,
    ) -> None:
        self.interval = interval
        self.by_epoch = by_epoch
        self.max_keep_ckpts = max_keep_ckpts
        self.save_best = save_best

    def after_train_epoch(self, runner: "Runner") -> None:
        if (runner.epoch + 1) % self.interval == 0:
            runner.checkpoints.append(self.state(runner))
            if self.max_keep_ckpts > 0:
                del runner.checkpoints[: -self.max_keep_ckpts]

    def state(self, runner: "Runner") -> dict[str, Any]:
        """What a checkpoint holds."""
        return {"epoch": runner.epoch, "params": [p.value for p in runner.model.parameters()]}


@HOOKS.register_module()
class DistSamplerSeedHook(Hook):
    """Gives the sampler a new seed each epoch (so shuffles differ between epochs)."""

    def before_train_epoch(self, runner: "Runner") -> None:
        runner.sampler_epoch = runner.epoch
