"""Values that run although the annotation is narrower, as in published OpenMMLab code.

``None`` for a parameter with a default (``backend_args: dict = None``, an implicit
``Optional``), a config or a list of configs for any parameter (the class builds it: its
annotation says what it builds), a float where an int is annotated, a list where a tuple is
and a list or tuple of numbers (a value per channel) where a float is are accepted; the same
values elsewhere are still errors. A nested name found nowhere is reported only when it
reads as a typo of a registered one.
"""

from typing import Any, Optional

from typed_registry import Registry

PARTS: Registry[Any] = Registry("parts", scope="lenient")


@PARTS.register_module()
class Metric:
    def __init__(
        self,
        depth: int,
        backend_args: dict[str, Any] = None,  # type: ignore[assignment]  # an implicit Optional
        size: tuple[int, int] = (1, 1),
        name: str = "m",
    ) -> None:
        self.depth = depth


@PARTS.register_module()
class Visualizer:
    def __init__(
        self, vis_backends: Optional[dict[str, Any]] = None, pipeline: list[str] | None = None
    ) -> None:
        self.vis_backends = vis_backends


@PARTS.register_module()
class Conv:
    def __init__(self, width: int = 1) -> None:
        self.width = width


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


@PARTS.register_module()
class Neck:
    def __init__(self, up: dict[str, Any] | None = None) -> None:
        self.up = up


PARTS.build(dict(type="Metric", depth=1, backend_args=None, size=(1e-2, 1e-2)))
PARTS.build(dict(type="Metric", depth=None))  # E: Argument "depth" to "Metric" has incompatible type "None"; expected "int"  [arg-type]
PARTS.build(dict(type="Metric", depth=1.5))
PARTS.build(dict(type="Metric", depth=1, name=1.5))  # E: Argument "name" to "Metric" has incompatible type "float"; expected "str"  [arg-type]
PARTS.build(dict(type="Metric", depth=1, size=(1.5, "a")))  # E: Argument "size" to "Metric" has incompatible type "tuple[float, str]"; expected "tuple[int, int]"  [arg-type]
PARTS.build(
    dict(type="Visualizer", vis_backends=[dict(type="Conv")], pipeline=[dict(type="Conv")])
)
PARTS.build(dict(type="Visualizer", vis_backends=[1]))  # E: Argument "vis_backends" to "Visualizer" has incompatible type "list[int]"; expected "dict[str, Any] | None"  [arg-type]
# A dict of the class's own, whose type is like a registered name but no typo of it.
PARTS.build(dict(type="Neck", up=dict(type="conv")))
PARTS.build(dict(type="Neck", up=dict(type="deconv")))
# A scope no registry has (its package not read): the name itself is unknown, not a typo.
PARTS.build(dict(type="Neck", up=dict(type="mmpretrain.Convv")))
PARTS.build(dict(type="Neck", up=dict(type="Convv")))  # E: "Convv" is not registered in any registry; did you mean "Conv"?  [registry-name]
PARTS.build(dict(type="Pad", pad_val=(114, 114, 114), mode=["or", 127], sizes=[[1, 2], (3, 4)]))
PARTS.build(dict(type="Pad", pad_val=[0.5, 1], sizes=[[1.5, 2]]))
PARTS.build(dict(type="Pad", depth=[50]))  # E: Argument "depth" to "Pad" has incompatible type "list[int]"; expected "int"  [arg-type]
PARTS.build(dict(type="Pad", pad_val=("a", 1)))  # E: Argument "pad_val" to "Pad" has incompatible type "tuple[str, int]"; expected "float"  [arg-type]
PARTS.build(dict(type="Pad", mode=[127, "or"]))  # E: Argument "mode" to "Pad" has incompatible type "list[object]"; expected "tuple[str, int] | None"  [arg-type]
PARTS.build(dict(type="Pad", depth=dict(type="Conv")))  # E: Argument "depth" to "Pad" has incompatible type "dict[str, str]"; expected "int"  [arg-type]
PARTS.build(dict(type="Pad", mode=[dict(type="Conv")]))  # E: Argument "mode" to "Pad" has incompatible type "list[dict[str, str]]"; expected "tuple[str, int] | None"  [arg-type]
