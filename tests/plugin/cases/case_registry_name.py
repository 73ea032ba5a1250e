"""registry-name: a literal name that does not resolve from the registry.

The error points at the literal, names the registry and its scope, and offers up to three
'did you mean' suggestions in mypy's wording (none when nothing is close). Both config forms,
``dict(...)`` and ``{...}``, and aliases registered with a list of names are understood.
"""

from typing import Any

from typed_registry import Registry, build_from_cfg

MODELS: Registry[Any] = Registry("models", scope="zoo")
LAYERS: Registry[Any] = Registry("layers")  # scope inferred: "case_registry_name"
EMPTY: Registry[Any] = Registry("empty", scope="void")
SHORT: Registry[Any] = Registry("short", scope="nn")


@MODELS.register_module()
class ResNet:
    def __init__(self, depth: int = 50) -> None:
        self.depth = depth


@MODELS.register_module(name=["VGG", "VGGNet"])
class VGG:
    pass


@LAYERS.register_module()
class Conv1d:
    pass


@LAYERS.register_module()
class Conv2d:
    pass


@LAYERS.register_module()
class Conv3d:
    pass


@LAYERS.register_module("Pool2d")
class MaxPool:
    pass


@LAYERS.register_module("Pool1d")
class AvgPool:
    pass


@SHORT.register_module()
class Backbone:
    pass


# Hits: the class name, an alias, a name given explicitly, a key scoped by the own scope.
MODELS.build(dict(type="ResNet"))
MODELS.build({"type": "VGGNet"})
MODELS.build(dict(type="zoo.VGG"))
LAYERS.build(dict(type="Pool2d"))
LAYERS.build(dict(type="case_registry_name.Conv1d"))

# One suggestion (the example of the issue).
MODELS.build(dict(type="ResNe", depth=50))  # E: "ResNe" is not registered in registry "models" (scope "zoo"); did you mean "ResNet"?  [registry-name]
MODELS.build({"type": "VGGNe"})  # E: "VGGNe" is not registered in registry "models" (scope "zoo"); did you mean "VGGNet"?  [registry-name]

# A name visible unscoped is not suggested again under its scope ("nn.Backbone" is as close).
SHORT.build(dict(type="Backbon"))  # E: "Backbon" is not registered in registry "short" (scope "nn"); did you mean "Backbone"?  [registry-name]

# Nothing close: no suggestion.
MODELS.build(dict(type="Transformer"))  # E: "Transformer" is not registered in registry "models" (scope "zoo")  [registry-name]
EMPTY.build({"type": "Anything"})  # E: "Anything" is not registered in registry "empty" (scope "void")  [registry-name]

# Two and three suggestions, best first; the inferred scope is the module's name.
LAYERS.build(dict(type="Pool3d"))  # E: "Pool3d" is not registered in registry "layers" (scope "case_registry_name"); did you mean "Pool1d" or "Pool2d"?  [registry-name]
LAYERS.build(dict(type="Conv4d"))  # E: "Conv4d" is not registered in registry "layers" (scope "case_registry_name"); did you mean "Conv1d", "Conv2d", or "Conv3d"?  [registry-name]
LAYERS.build(dict(type="Conv"))  # E: "Conv" is not registered in registry "layers" (scope "case_registry_name"); did you mean "Conv1d", "Conv2d", or "Conv3d"?  [registry-name]

# A name registered in another registry does not resolve here (the trees are separate):
# the message says where it is.
LAYERS.build(dict(type="ResNet"))  # E: "ResNet" is not registered in registry "layers" (scope "case_registry_name"); it is registered in registry "models" (scope "zoo")  [registry-name]

# The error points at the literal, not at the call.
MODELS.build(
    dict(
        depth=18,
        type="ResNt",  # E: "ResNt" is not registered in registry "models" (scope "zoo"); did you mean "ResNet"?  [registry-name]
    )
)

# Every checked call form reports the miss.
MODELS.get("Resnet")  # E: "Resnet" is not registered in registry "models" (scope "zoo"); did you mean "ResNet"?  [registry-name]
MODELS["VG"]  # E: "VG" is not registered in registry "models" (scope "zoo"); did you mean "VGG"?  [registry-name]
build_from_cfg({"type": "VGGnet"}, MODELS)  # E: "VGGnet" is not registered in registry "models" (scope "zoo"); did you mean "VGGNet"?  [registry-name]
