"""detkit's evaluation (the location of its ``METRICS``)."""

from detkit.evaluation.metrics import CocoMetric, VOCMetric

__all__ = ["CocoMetric", "VOCMetric"]
