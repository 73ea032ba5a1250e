"""Metrics and the evaluator (importing this registers the engine's metrics)."""

from minengine.evaluator.evaluator import Evaluator
from minengine.evaluator.metric import BaseMetric, DumpResults

__all__ = ["BaseMetric", "DumpResults", "Evaluator"]
