"""The plugin's error codes work in ``# type: ignore[...]`` like mypy's own.

An ignore with the right code silences the error; with warn_unused_ignores, an ignore that
silences nothing is reported; an ignore with another code does not silence (mypy adds a note).
"""

from typing import Any, Protocol

from typed_registry import Registry


class Model(Protocol):
    def forward(self) -> int: ...


IGN: Registry[Model] = Registry("ignores", scope="ignored")
IGN_ANY: Registry[Any] = Registry("ignores_any", scope="ign_any")


@IGN.register_module()  # type: ignore[registry-bound]
class NoForward:
    def __init__(self, size: int) -> None:
        self.size = size


@IGN_ANY.register_module("NoForward")  # type: ignore[registry-duplicate]
@IGN_ANY.register_module("NoForward")
class Twice:
    pass


LOCATED: Registry[Any] = Registry("located", scope="ign_loc", locations=["elsewhere"])

# Silenced.
IGN.build(dict(type="NoFoward", size=1))  # type: ignore[registry-name]
IGN.get("Nothing")  # type: ignore[registry-name]
IGN.build(dict(type="NoForward", sise=1))  # type: ignore[call-arg]
IGN.build(dict(type="NoForward", size="1"))  # type: ignore[arg-type]

# Not needed: reported.
IGN.build(dict(type="NoForward", size=1))  # type: ignore[registry-name]  # E: Unused "type: ignore" comment  [unused-ignore]
IGN_ANY.register_module("Other", module=Twice)  # type: ignore[registry-duplicate]  # E: Unused "type: ignore" comment  [unused-ignore]

# Another code: not silenced.
IGN.build(dict(type="NoFoward", size=1))  # type: ignore[call-arg]  # E: Unused "type: ignore" comment  [unused-ignore] # E: "NoFoward" is not registered in registry "ignores" (scope "ignored"); did you mean "NoForward"?  [registry-name] # N: Error code "registry-name" not covered by "type: ignore[call-arg]" comment
