"""Values that run although the annotation is narrower: ``validate`` accepts what mypy does.

The plugin's rules (``typed_registry/mypy/_config_values.py``, ``case_lenient_values.py``):
``None`` for a parameter with a default, a config or a list of configs for any parameter,
a float where an int is annotated, a list where a tuple is, and a list or tuple of numbers
(a value per channel) where a float is.
"""

from __future__ import annotations

from typing import Any

import pytest

from typed_registry import Registry
from typed_registry._validation._markers import DataList

PARTS: Registry[Any] = Registry("parts", scope="lenient_validate")


@PARTS.register_module()
class Metric:
    def __init__(
        self,
        depth: int,
        backend_args: dict[str, Any] | None = None,  # type: ignore[assignment]  # implicit Optional
        size: tuple[int, int] = (1, 1),
        name: str = "m",
    ) -> None:
        self.depth = depth


@PARTS.register_module()
class Visualizer:
    def __init__(self, vis_backends: dict[str, Any] | None = None) -> None:
        self.vis_backends = vis_backends


@PARTS.register_module()
class Pad:
    def __init__(
        self,
        pad_val: float = 0.0,
        mode: tuple[str, int] | None = None,
        sizes: list[tuple[int, int]] | None = None,
        depth: int = 1,
    ) -> None:
        self.pad_val = pad_val


@pytest.mark.parametrize(
    "cfg",
    [
        {"type": "Metric", "depth": 1, "backend_args": None, "size": (1e-2, 1e-2)},
        {"type": "Metric", "depth": 1.5},
        {"type": "Visualizer", "vis_backends": [{"type": "Metric"}]},
        {"type": "Pad", "pad_val": (114, 114, 114), "mode": ["or", 127], "sizes": [[1, 2], (3, 4)]},
        {"type": "Pad", "pad_val": [0.5, 1], "sizes": [[1.5, 2]]},
        # As a JSON or YAML file writes them: its lists are tuples too.
        {"type": "Metric", "depth": 1, "size": DataList([1e-2, 1e-2])},
    ],
)
def test_what_runs_although_the_annotation_is_narrower_is_accepted(cfg: dict[str, Any]) -> None:
    assert PARTS.validate(cfg) == []


@pytest.mark.parametrize(
    ("cfg", "message"),
    [
        (
            {"type": "Metric", "depth": None},
            'Argument "depth" to "Metric" has incompatible type "None"; expected "int"',
        ),
        (
            {"type": "Metric", "depth": 1, "name": 1.5},
            'Argument "name" to "Metric" has incompatible type "float"; expected "str"',
        ),
        (
            {"type": "Metric", "depth": 1, "size": (1.5, "a")},
            (
                'Argument "size" to "Metric" has incompatible type "tuple[float, str]"; '
                'expected "tuple[int, int]"'
            ),
        ),
        (
            {"type": "Visualizer", "vis_backends": [1]},
            (
                'Argument "vis_backends" to "Visualizer" has incompatible type "list[int]"; '
                'expected "dict[str, Any] | None"'
            ),
        ),
        (
            {"type": "Pad", "depth": {"type": "Conv"}},
            'Argument "depth" to "Pad" has incompatible type "dict[str, str]"; expected "int"',
        ),
        (
            # A list of configs where a tuple is annotated: a list as it is is no tuple.
            {"type": "Pad", "mode": [{"type": "Conv"}]},
            (
                'Argument "mode" to "Pad" has incompatible type "list[dict[str, str]]"; '
                'expected "tuple[str, int] | None"'
            ),
        ),
        (
            {"type": "Pad", "depth": [50]},
            'Argument "depth" to "Pad" has incompatible type "list[int]"; expected "int"',
        ),
        (
            {"type": "Pad", "pad_val": ("a", 1)},
            'Argument "pad_val" to "Pad" has incompatible type "tuple[str, int]"; expected "float"',
        ),
        (
            {"type": "Pad", "mode": [127, "or"]},
            (
                'Argument "mode" to "Pad" has incompatible type "list[int | str]"; '
                'expected "tuple[str, int] | None"'
            ),
        ),
    ],
)
def test_the_same_values_elsewhere_are_still_errors(cfg: dict[str, Any], message: str) -> None:
    assert [problem.message for problem in PARTS.validate(cfg)] == [message]
