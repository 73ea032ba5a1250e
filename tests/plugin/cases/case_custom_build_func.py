"""A registry with a custom ``build_func``: only the name is checked.

The custom function decides what a config means, so its keys are not checked against any
constructor and ``build`` keeps the declared type; an unknown ``type`` is still an error.
Children inherit the parent's ``build_func`` unless they pass their own; ``build_from_cfg``
given explicitly is the default one. ``get`` is unaffected.
"""

from typing import Any, Protocol, reveal_type

from typed_registry import Registry, build_from_cfg


class Model(Protocol):
    def run(self) -> int: ...


def build_model(cfg: Any, *args: Any, registry: Any = None, **kwargs: Any) -> Model:
    raise NotImplementedError


CUSTOM: Registry[Model] = Registry("custom", build_func=build_model, scope="cbf")
INHERITS: Registry[Model] = Registry("inherits", parent=CUSTOM, scope="cbf_child")
DEFAULT: Registry[Model] = Registry(
    "default", parent=CUSTOM, scope="cbf_default", build_func=build_from_cfg
)
POSITIONAL: Registry[Model] = Registry("positional", build_model, None, "cbf_pos")


@CUSTOM.register_module()
@DEFAULT.register_module()
class Impl:
    def __init__(self, n: int) -> None:
        self.n = n

    def run(self) -> int:
        return self.n


POSITIONAL.register_module(module=Impl)

# Keys are the custom function's business; the result is the declared type.
reveal_type(CUSTOM.build(dict(type="Impl", anything="goes")))  # N: Revealed type is "case_custom_build_func.Model"
reveal_type(INHERITS.build(dict(type="Impl", n="not checked")))  # N: Revealed type is "case_custom_build_func.Model"
reveal_type(POSITIONAL.build(dict(type="Impl")))  # N: Revealed type is "case_custom_build_func.Model"
CUSTOM.build(dict(type="Impl"), "extra", positional="arguments")

# The name is checked.
CUSTOM.build(dict(type="Impll"))  # E: "Impll" is not registered in registry "custom" (scope "cbf"); did you mean "Impl"?  [registry-name]
INHERITS.build({"type": "Imp"})  # E: "Imp" is not registered in registry "inherits" (scope "cbf_child"); did you mean "Impl"?  [registry-name]
POSITIONAL.build(dict(type="Other"))  # E: "Other" is not registered in registry "positional" (scope "cbf_pos")  [registry-name]

# An explicit build_from_cfg below a custom parent: the config is checked and refined.
reveal_type(DEFAULT.build(dict(type="Impl", n=1)))  # N: Revealed type is "case_custom_build_func.Impl"
DEFAULT.build(dict(type="Impl", n="one"))  # E: Argument "n" to "Impl" has incompatible type "str"; expected "int"  [arg-type]

# Lookups are not builds: refined as usual.
reveal_type(CUSTOM.get("Impl"))  # N: Revealed type is "type[case_custom_build_func.Impl]"
reveal_type(INHERITS["Impl"])  # N: Revealed type is "type[case_custom_build_func.Impl]"
