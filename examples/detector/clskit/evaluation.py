"""Classification metrics; defining the class registers it in clskit's ``METRICS``."""

from typing import Any

from minengine.evaluator import BaseMetric

from clskit.registry import METRICS


class Accuracy(BaseMetric, registry=METRICS):
    """Top-k accuracy."""

    default_prefix = "accuracy"

    def __init__(self, topk: int | tuple[int, ...] = (1,), prefix: str | None = None) -> None:
        super().__init__(prefix=prefix)
        self.topk = (topk,) if isinstance(topk, int) else topk

    def process(self, data_batch: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> None:
        for sample, prediction in zip(data_batch, predictions, strict=True):
            ranked = sorted(
                range(len(prediction["scores"])), key=lambda i: -prediction["scores"][i]
            )
            self.results.append(ranked.index(sample["gt_label"]))

    def compute_metrics(self, results: list[Any]) -> dict[str, float]:
        total = max(1, len(results))
        return {f"top{k}": 100.0 * sum(rank < k for rank in results) / total for k in self.topk}
