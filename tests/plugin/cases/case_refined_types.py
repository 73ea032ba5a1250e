"""The result type is refined to what the resolved name builds.

``build`` of a registered class is that class, of a registered function its return type;
``get``/``[]`` give the class object (``type[C]``) or the function itself, without ``None``.
A miss, or anything the plugin cannot read, keeps the declared type (``T``).
"""

from typing import Protocol, reveal_type

from typed_registry import Registry, build_from_cfg


class Model(Protocol):
    def forward(self, x: int) -> int: ...


MODELS: Registry[Model] = Registry("models", scope="refined")


@MODELS.register_module()
class ResNet:
    def __init__(self, depth: int = 50) -> None:
        self.depth = depth

    def forward(self, x: int) -> int:
        return x * self.depth


@MODELS.register_module(name=["Tiny", "TinyNet"])
class TinyNet(ResNet):
    pass


class Linear:
    def forward(self, x: int) -> int:
        return x


@MODELS.register_module()
def linear(scale: int = 1) -> Linear:
    return Linear()


MODELS.register_module("direct", module=Linear)

reveal_type(MODELS.build(dict(type="ResNet")))  # N: Revealed type is "case_refined_types.ResNet"
reveal_type(MODELS.build({"type": "ResNet", "depth": 18}))  # N: Revealed type is "case_refined_types.ResNet"
reveal_type(MODELS.build(dict(type="Tiny")))  # N: Revealed type is "case_refined_types.TinyNet"
reveal_type(MODELS.build(dict(type="refined.TinyNet")))  # N: Revealed type is "case_refined_types.TinyNet"
reveal_type(MODELS.build(dict(type="linear", scale=2)))  # N: Revealed type is "case_refined_types.Linear"
reveal_type(MODELS.build(dict(type="direct")))  # N: Revealed type is "case_refined_types.Linear"
reveal_type(build_from_cfg(dict(type="ResNet"), MODELS))  # N: Revealed type is "case_refined_types.ResNet"

reveal_type(MODELS.get("ResNet"))  # N: Revealed type is "type[case_refined_types.ResNet]"
reveal_type(MODELS["TinyNet"])  # N: Revealed type is "type[case_refined_types.TinyNet]"
reveal_type(MODELS.get("direct"))  # N: Revealed type is "type[case_refined_types.Linear]"
reveal_type(MODELS.get("linear"))  # N: Revealed type is "def (scale: int =) -> case_refined_types.Linear"
reveal_type(MODELS["refined.linear"])  # N: Revealed type is "def (scale: int =) -> case_refined_types.Linear"

# The refined type is usable as such.
depth: int = MODELS.build(dict(type="ResNet")).depth
instance: ResNet = MODELS["ResNet"](depth=3)

# Without the plugin's knowledge: the declared types.
reveal_type(MODELS.build(dict(type="Missing")))  # E: "Missing" is not registered in registry "models" (scope "refined")  [registry-name] # N: Revealed type is "case_refined_types.Model"
reveal_type(MODELS.get("Missing"))  # E: "Missing" is not registered in registry "models" (scope "refined")  [registry-name] # N: Revealed type is "(def (*Any, **Any) -> case_refined_types.Model) | None"
reveal_type(MODELS["Missing"])  # E: "Missing" is not registered in registry "models" (scope "refined")  [registry-name] # N: Revealed type is "def (*Any, **Any) -> case_refined_types.Model"
