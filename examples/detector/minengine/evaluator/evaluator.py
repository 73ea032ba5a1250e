"""``Evaluator``: the metrics of a ``val_evaluator`` config, run together."""

from typing import Any

from minengine.registry import METRICS
from minengine.typing_utils import MultiConfig

TYPE_CHECKING = False
if TYPE_CHECKING:
    from minengine.evaluator.metric import BaseMetric


class Evaluator:
    """Builds one metric config or a list of them with ``METRICS``."""

    def __init__(self, metrics: MultiConfig) -> None:
        cfgs = metrics if isinstance(metrics, list) else [metrics]
        self.metrics: list[BaseMetric] = [METRICS.build(cfg) for cfg in cfgs]

    def process(self, data_batch: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> None:
        """Give one batch to every metric."""
        for metric in self.metrics:
            metric.process(data_batch, predictions)

    def evaluate(self) -> dict[str, float]:
        """Every metric's results, in one dict."""
        results: dict[str, float] = {}
        for metric in self.metrics:
            results.update(metric.evaluate())
        return results
