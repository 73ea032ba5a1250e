"""A name built by the wrong registry: the message says which registry holds it.

``HEADS`` and ``LOSSES`` are separate trees; a loss built from ``HEADS`` misses, and the
message names ``LOSSES``, where the name is registered. A name no other tree holds gets the
plain message.
"""

from typing import Any

from typed_registry import Registry

HEADS: Registry[Any] = Registry("heads", scope="re_heads")
LOSSES: Registry[Any] = Registry("losses", scope="re_losses")


@LOSSES.register_module()
class FocalLoss:
    def __init__(self, gamma: float = 2.0) -> None:
        self.gamma = gamma


@HEADS.register_module()
class Head:
    pass


HEADS.build({"type": "FocalLoss"})  # E: "FocalLoss" is not registered in registry "heads" (scope "re_heads"); it is registered in registry "losses" (scope "re_losses")  [registry-name]
HEADS.get("FocalLoss")  # E: "FocalLoss" is not registered in registry "heads" (scope "re_heads"); it is registered in registry "losses" (scope "re_losses")  [registry-name]
HEADS.build({"type": "Nowhere"})  # E: "Nowhere" is not registered in registry "heads" (scope "re_heads")  [registry-name]
