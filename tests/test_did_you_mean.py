"""'Did you mean' offers a registration once, whichever registries it is seen from."""

from __future__ import annotations

from typing import Annotated, Any

from typed_registry import ConfigFor, Registry


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


LOSSES: Registry[Any] = Registry("losses", scope="dym_losses")
HEADS: Registry[Any] = Registry("heads", scope="dym_heads")


@LOSSES.register_module()
class FocalLoss:
    def __init__(self, gamma: float = 2.0) -> None:
        self.gamma = gamma


@HEADS.register_module()
class Head:
    def __init__(self, loss: Annotated[dict[str, Any], ConfigFor(HEADS)]) -> None:
        self.loss = HEADS.build(loss)


def test_a_name_built_by_the_wrong_registry_says_which_registry_holds_it():
    problems = HEADS.validate({"type": "Head", "loss": {"type": "FocalLoss"}}, registries=[LOSSES])
    assert [(problem.path, problem.message) for problem in problems] == [
        (
            "loss.type",
            (
                "'FocalLoss' is not registered in registry 'heads' (scope 'dym_heads') or its "
                "parents (if it is registered in a module that was never imported, list that "
                "module in the registry's locations=); it is registered in registry 'losses' "
                "(scope 'dym_losses')"
            ),
        )
    ]
