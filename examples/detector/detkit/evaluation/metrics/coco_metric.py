"""COCO-style detection metrics; defining the class registers it (``BaseMetric``)."""

from typing import Any

from minengine.evaluator import BaseMetric

from detkit.registry import METRICS


class CocoMetric(BaseMetric, registry=METRICS):
    """The mean best score per image stands in for the mAP.

    Args:
        ann_file: The ground truth's annotation file (unused here).
        metric: ``"bbox"`` or a list of ``"bbox"``, ``"segm"``, ``"proposal"``.
        classwise: Also report per-class results.
        format_only: Only format the results, compute nothing.
        prefix: Prepended to the metric names (default ``"coco"``).
    """

    default_prefix = "coco"

    def __init__(
        self,
        ann_file: str | None = None,
        metric: str | list[str] = "bbox",
        classwise: bool = False,
        format_only: bool = False,
        prefix: str | None = None,
    ) -> None:
        super().__init__(prefix=prefix)
        self.ann_file = ann_file
        self.metrics = [metric] if isinstance(metric, str) else metric
        self.classwise = classwise
        self.format_only = format_only

    def process(self, data_batch: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> None:
        self.results.extend(max(p["scores"], default=0.0) for p in predictions)

    def compute_metrics(self, results: list[Any]) -> dict[str, float]:
        if self.format_only:
            return {}
        value = sum(results) / max(1, len(results))
        return {f"{metric}_mAP": value for metric in self.metrics}


class VOCMetric(BaseMetric, registry=METRICS):
    """The fraction of images with a box above ``iou_thrs`` stands in for the mAP."""

    default_prefix = "pascal_voc"

    def __init__(self, iou_thrs: float | list[float] = 0.5, eval_mode: str = "11points") -> None:
        super().__init__()
        self.iou_thrs = iou_thrs if isinstance(iou_thrs, list) else [iou_thrs]
        self.eval_mode = eval_mode

    def process(self, data_batch: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> None:
        self.results.extend(max(p["scores"], default=0.0) for p in predictions)

    def compute_metrics(self, results: list[Any]) -> dict[str, float]:
        total = max(1, len(results))
        return {f"AP{int(t * 100)}": sum(r > t for r in results) / total for t in self.iou_thrs}
