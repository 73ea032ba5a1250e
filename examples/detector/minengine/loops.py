"""The loops a runner runs: ``train_cfg=dict(type="EpochBasedTrainLoop", max_epochs=12)``.

Beware the name: the runner's ``train_cfg`` is a ``LOOPS`` config, while a detector's
``train_cfg`` is a plain dict of settings.
"""

from typing import Any

from minengine.dataset.dataloader import DataLoader
from minengine.evaluator.evaluator import Evaluator
from minengine.registry import LOOPS
from minengine.typing_utils import ConfigType, MultiConfig

TYPE_CHECKING = False
if TYPE_CHECKING:
    from minengine.runner import Runner


@LOOPS.register_module()
class EpochBasedTrainLoop:
    """Trains for ``max_epochs`` epochs, validating every ``val_interval`` from ``val_begin``."""

    def __init__(
        self,
        runner: "Runner",
        dataloader: DataLoader | ConfigType,
        max_epochs: int,
        val_begin: int = 1,
        val_interval: int = 1,
    ) -> None:
        self.runner = runner
        self.dataloader = (
            runner.build_dataloader(dataloader) if isinstance(dataloader, dict) else dataloader
        )
        self.max_epochs = max_epochs
        self.val_begin = val_begin
        self.val_interval = val_interval

    def run(self) -> list[float]:
        """Train; return the mean loss of each epoch."""
        runner = self.runner
        means: list[float] = []
        for epoch in range(self.max_epochs):
            runner.epoch = epoch
            runner.call_hook("before_train_epoch")
            total = 0.0
            for batch_idx, batch in enumerate(self.dataloader):
                losses: dict[str, float] = runner.model.forward(batch, mode="loss")
                loss = sum(losses.values())
                runner.optim_wrapper.update_params(loss)
                runner.call_hook("after_train_iter", batch_idx=batch_idx, outputs=losses)
                total += loss
            means.append(total / max(1, len(self.dataloader)))
            runner.call_hook("after_train_epoch")
            done = epoch + 1
            if (
                runner.val_loop is not None
                and done >= self.val_begin
                and (done - self.val_begin) % self.val_interval == 0
            ):
                runner.val_loop.run()
        return means


@LOOPS.register_module()
class ValLoop:
    """Predicts on every batch and evaluates the predictions."""

    def __init__(
        self,
        runner: "Runner",
        dataloader: DataLoader | ConfigType,
        evaluator: Evaluator | MultiConfig,
        fp16: bool = False,
    ) -> None:
        self.runner = runner
        self.dataloader = (
            runner.build_dataloader(dataloader) if isinstance(dataloader, dict) else dataloader
        )
        self.evaluator = evaluator if isinstance(evaluator, Evaluator) else Evaluator(evaluator)
        self.fp16 = fp16

    def run(self) -> dict[str, float]:
        """Evaluate; return the metrics."""
        for batch in self.dataloader:
            predictions: list[dict[str, Any]] = self.runner.model.forward(batch, mode="predict")
            self.evaluator.process(batch, predictions)
        metrics = self.evaluator.evaluate()
        self.runner.call_hook("after_val_epoch", metrics=metrics)
        return metrics


@LOOPS.register_module()
class TestLoop(ValLoop):
    """The same as ``ValLoop``, on the test set."""
