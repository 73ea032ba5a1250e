"""Nested configs whose parameter does not say which registry builds them.

Real code annotates such parameters ``dict`` (``ConfigType``): the class builds them itself,
often with another registry (a head builds its anchor generator with the task utilities),
and may change the config first (pop a key, add ``default_args``). Without ``ConfigFor``, a
nested config's ``type`` is checked by name in the one registry where it resolves, and its
keys not at all; a name that resolves in several registries is left alone, and one that
resolves nowhere is reported only when a registered name is close to it, since a plain dict
may carry a ``type`` of its own (``nms=dict(type="nms")``).
"""

from typing import Any

from typed_registry import Registry

LAYERS: Registry[Any] = Registry("layers", scope="nu_layers")
UTILS: Registry[Any] = Registry("utils", scope="nu_utils")


@UTILS.register_module()
class AnchorGenerator:
    def __init__(self, strides: list[int]) -> None:
        self.strides = strides


@UTILS.register_module()
@LAYERS.register_module()
class Shared:
    def __init__(self, size: int) -> None:
        self.size = size


@UTILS.register_module("Twin")
class UtilsTwin:
    pass


@LAYERS.register_module("Twin")
class LayersTwin:
    def __init__(self, size: int) -> None:
        self.size = size


def computed_type() -> str:
    return "AnchorGenerator"


@LAYERS.register_module()
class Head:
    def __init__(
        self, anchor_generator: dict[str, Any], test_cfg: dict[str, Any] | None = None
    ) -> None:
        self.anchor_generator = anchor_generator


# Correct: a config of another registry, a name in two registries, a plain dict with a type.
LAYERS.build(dict(type="Head", anchor_generator=dict(type="AnchorGenerator", strides=[8])))
LAYERS.build(dict(type="Head", anchor_generator=dict(type="Shared", size=1)))
LAYERS.build(
    dict(
        type="Head",
        anchor_generator=dict(type="AnchorGenerator", strides=[8]),
        test_cfg=dict(nms=dict(type="nms", iou_threshold=0.5)),
    )
)
LAYERS.build(dict(type="Head", anchor_generator={"type": "Unrelated", "x": 1}))

# Checked by name only: the builder may add, remove or rename keys before building
# (``build_norm_layer`` pops ``requires_grad``), and nothing declares what it does.
LAYERS.build(dict(type="Head", anchor_generator=dict(type="AnchorGenerator", stride=[8])))
LAYERS.build(dict(type="Head", anchor_generator=dict(type="AnchorGenerator", strides="8")))
LAYERS.build(dict(type="Head", anchor_generator=dict(type="AnchorGenerator", requires_grad=True)))
# Resolves nowhere, close to a registered name.
LAYERS.build(dict(type="Head", anchor_generator=dict(type="AnchorGenerater", strides=[8])))  # E: "AnchorGenerater" is not registered in any registry; did you mean "AnchorGenerator"?  [registry-name]
# Inside a nested config, names are checked at any depth.
LAYERS.build(
    dict(
        type="Head",
        anchor_generator=dict(
            type="AnchorGenerator",
            strides=[8],
            inner=dict(type="Sharred"),  # E: "Sharred" is not registered in any registry; did you mean "Shared"?  [registry-name]
        ),
    )
)
# A class as the nested type, a name two registries hold with different classes, and a
# computed type: not checked.
LAYERS.build(dict(type="Head", anchor_generator=dict(type=AnchorGenerator, strides="8")))
LAYERS.build(dict(type="Head", anchor_generator=dict(type="Twin", anything=1)))
LAYERS.build(dict(type="Head", anchor_generator=dict(type=computed_type(), strides="8")))
