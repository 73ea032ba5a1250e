"""``build_from_cfg`` with a registry whose ``build_func`` is custom: fully checked.

``build_from_cfg(cfg, REG)`` always resolves ``cfg["type"]`` and calls it with the other
keys; ``REG``'s ``build_func`` plays no part (only ``REG.build`` calls it). So the plugin
checks the keywords and refines the type, as for any registry.
"""

from typing import Any, reveal_type

from typed_registry import Registry, build_from_cfg


def build_anyhow(cfg: Any, *args: Any, **kwargs: Any) -> object:
    raise NotImplementedError


CUSTOM_BFC: Registry[object] = Registry("custom_bfc", build_func=build_anyhow, scope="cbfc")


@CUSTOM_BFC.register_module()
class Part:
    def __init__(self, size: int) -> None:
        self.size = size


reveal_type(build_from_cfg(dict(type="Part", size=1), CUSTOM_BFC))  # N: Revealed type is "case_build_from_cfg_custom.Part"
build_from_cfg(dict(type="Part", size="big"), CUSTOM_BFC)  # E: Argument "size" to "Part" has incompatible type "str"; expected "int"  [arg-type]
build_from_cfg(dict(type="Part", sise=1), CUSTOM_BFC)  # E: Unexpected keyword argument "sise" for "Part"  [call-arg]
