"""``build_from_cfg(cfg, REG, default_args)`` is checked like ``REG.build(cfg, ...)``."""

from typing import Annotated, Any, reveal_type

from typed_registry import ConfigFor, Registry, build_from_cfg

BFC: Registry[object] = Registry("bfc", scope="bfc")


@BFC.register_module()
class Block:
    def __init__(
        self, width: int, inner: Annotated[dict[str, Any] | None, ConfigFor(BFC)] = None
    ) -> None:
        self.width = width


reveal_type(build_from_cfg(dict(type="Block", width=1), BFC))  # N: Revealed type is "case_build_from_cfg.Block"
reveal_type(build_from_cfg({"type": "Block", "width": 1}, registry=BFC))  # N: Revealed type is "case_build_from_cfg.Block"
reveal_type(build_from_cfg(cfg={"type": "bfc.Block"}, registry=BFC, default_args={"width": 2}))  # N: Revealed type is "case_build_from_cfg.Block"

build_from_cfg(dict(type="Blok", width=1), BFC)  # E: "Blok" is not registered in registry "bfc" (scope "bfc"); did you mean "Block"?  [registry-name]
build_from_cfg(dict(type="Block", widht=1), BFC)  # E: Unexpected keyword argument "widht" for "Block"; did you mean "width"?  [call-arg]
build_from_cfg(dict(type="Block"), BFC)  # E: Missing named argument "width" for "Block"  [call-arg]
build_from_cfg(
    dict(
        type="Block",
        width="1",  # E: Argument "width" to "Block" has incompatible type "str"; expected "int"  [arg-type]
    ),
    BFC,
)
build_from_cfg(
    dict(
        type="Block",
        width=1,
        inner=dict(type="Block", width="w"),  # E: Argument "width" to "Block" has incompatible type "str"; expected "int"  [arg-type]
    ),
    BFC,
)


def pick() -> Registry[object]:
    return BFC


# The registry is not a module-level variable, or the config is not literal: not checked.
reveal_type(build_from_cfg(dict(type="Blok"), pick()))  # N: Revealed type is "object"
settings: dict[str, Any] = {"type": "Blok"}
reveal_type(build_from_cfg(settings, BFC))  # N: Revealed type is "object"
