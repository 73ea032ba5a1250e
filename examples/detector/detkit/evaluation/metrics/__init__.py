"""Detection metrics."""

from detkit.evaluation.metrics.coco_metric import CocoMetric, VOCMetric

__all__ = ["CocoMetric", "VOCMetric"]
