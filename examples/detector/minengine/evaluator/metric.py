"""``BaseMetric``: every subclass registers itself in ``METRICS`` when it is defined."""

from typing import Any

from minengine.registry import METRICS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typed_registry import Registry


class BaseMetric:
    """Accumulates per-batch results with :meth:`process`; :meth:`evaluate` computes.

    A subclass is registered under its name when its ``class`` statement runs, in the
    registry given as a class keyword (a downstream codebase passes its own child of
    ``METRICS``: ``class CocoMetric(BaseMetric, registry=METRICS)``), else in the root
    ``METRICS``. ``register=False`` skips registration (for intermediate base classes).

    Args:
        prefix: Prepended to the names of the computed metrics.
        collect_device: Where results are gathered (kept for the configs' sake).
    """

    default_prefix: str | None = None

    def __init_subclass__(
        cls,
        registry: "Registry[BaseMetric] | None" = None,
        register: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init_subclass__(**kwargs)
        if register:
            (METRICS if registry is None else registry).register_module(module=cls)

    def __init__(self, prefix: str | None = None, collect_device: str = "cpu") -> None:
        self.prefix = prefix or self.default_prefix
        self.collect_device = collect_device
        self.results: list[Any] = []

    def process(self, data_batch: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> None:
        """Keep what :meth:`compute_metrics` needs from one batch."""
        raise NotImplementedError

    def compute_metrics(self, results: list[Any]) -> dict[str, float]:
        """Compute the metrics from every batch's results."""
        raise NotImplementedError

    def evaluate(self) -> dict[str, float]:
        """Compute the metrics, prefix their names and forget the results."""
        metrics = self.compute_metrics(self.results)
        self.results = []
        if self.prefix is None:
            return metrics
        return {f"{self.prefix}/{name}": value for name, value in metrics.items()}


class DumpResults(BaseMetric):
    """Counts the predictions (MMEngine's dumps them to a file)."""

    def __init__(self, out_file_path: str, collect_device: str = "cpu") -> None:
        super().__init__(collect_device=collect_device)
        self.out_file_path = out_file_path

    def process(self, data_batch: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> None:
        self.results.extend(predictions)

    def compute_metrics(self, results: list[Any]) -> dict[str, float]:
        return {"dumped": float(len(results))}
