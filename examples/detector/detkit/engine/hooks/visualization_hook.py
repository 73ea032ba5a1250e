"""Hooks that look at predictions and data."""

from typing import Any

from minengine.hooks import Hook

from detkit.registry import HOOKS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from minengine.runner import Runner


@HOOKS.register_module()
class DetVisualizationHook(Hook):
    """Records how many boxes score above ``score_thr`` (MMDetection draws them)."""

    def __init__(
        self, draw: bool = False, interval: int = 50, score_thr: float = 0.3, show: bool = False
    ) -> None:
        self.draw = draw
        self.interval = interval
        self.score_thr = score_thr
        self.show = show

    def after_val_epoch(self, runner: "Runner", metrics: dict[str, float]) -> None:
        if self.draw:
            runner.info["visualized"] = len(metrics)


@HOOKS.register_module()
class NumClassCheckHook(Hook):
    """Checks that the head predicts as many classes as the dataset has."""

    def before_train_epoch(self, runner: "Runner") -> None:
        head: Any = getattr(runner.model, "bbox_head", None)
        classes = runner.info.get("classes")
        if head is not None and classes is not None and head.num_classes < len(classes):
            msg = f"the head predicts {head.num_classes} classes, the dataset has {len(classes)}"
            raise ValueError(msg)
