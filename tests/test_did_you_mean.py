"""'Did you mean' offers a registration once, whichever registries it is seen from."""

from __future__ import annotations

from typing import Any

from typed_registry import Registry


def test_a_nested_name_close_to_one_entry_seen_from_two_registries_is_offered_once():
    root: Registry[Any] = Registry("models", scope="dym_root")
    det: Registry[Any] = Registry("models", scope="dym_det", parent=root)

    @root.register_module()
    class Backbone:  # seen from both registries, by one key
        pass

    @det.register_module()
    class RetinaHead:
        def __init__(self, classes: int) -> None:
            self.classes = classes

    @det.register_module()
    class RetinaNet:
        def __init__(self, head: dict[str, Any]) -> None:
            self.head = head

    problems = det.validate({"type": "RetinaNet", "head": {"type": "RetinaHed", "classes": 80}})
    assert [problem.message for problem in problems] == [
        "'RetinaHed' is not registered in any registry; did you mean 'RetinaHead' or 'RetinaNet'?"
    ]
