"""'Did you mean' offers each registration once, in its shortest key.

A nested config's registry is unknown, so its ``type`` is looked up from every registry of
the tree: seen from the child, ``RetinaHead`` is its own entry; seen from the root, the same
entry is ``nd_det.RetinaHead``. The suggestions name it once, as the unscoped key.
"""

from typing import Any

from typed_registry import Registry

ROOT_MODELS: Registry[Any] = Registry("models", scope="nd_root")
DET_MODELS: Registry[Any] = Registry("models", scope="nd_det", parent=ROOT_MODELS)


@DET_MODELS.register_module()
class RetinaHead:
    def __init__(self, classes: int) -> None:
        self.classes = classes


@DET_MODELS.register_module()
class RetinaNet:
    def __init__(self, head: dict[str, Any]) -> None:
        self.head = head


DET_MODELS.build(dict(type="RetinaNet", head=dict(type="RetinaHed", classes=80)))  # E: "RetinaHed" is not registered in any registry; did you mean "RetinaHead" or "RetinaNet"?  [registry-name]
