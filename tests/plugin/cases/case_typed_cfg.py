"""Typed configs, ``cfg(ResNet, depth=50)``: the plugin accepts them and keeps their types.

A ``Config[C]`` from ``cfg()`` is checked by mypy itself (its keywords are ``C``'s
parameters, through a ``ParamSpec``); ``build`` of it is a ``C`` with or without the
plugin, and the plugin adds no error of its own, nested in dict configs too. Dict configs
next to it keep every check of the plugin.
"""

from typing import Annotated, Any, Protocol, reveal_type

from typed_registry import Config, ConfigFor, Registry, build_from_cfg, cfg


class Model(Protocol):
    def forward(self, x: int) -> int: ...


MODELS: Registry[Model] = Registry("models", scope="typed_cfg")


@MODELS.register_module()
class ResNet:
    def __init__(self, depth: int, frozen: bool = False) -> None:
        self.depth = depth

    def forward(self, x: int) -> int:
        return x + self.depth


@MODELS.register_module()
class Detector:
    def __init__(
        self,
        backbone: Annotated[dict[str, Any], ConfigFor(MODELS)],
        neck: dict[str, Any] | None = None,
    ) -> None:
        self.backbone = MODELS.build(backbone)

    def forward(self, x: int) -> int:
        return x


@MODELS.register_module()
def resnet18(frozen: bool = False) -> ResNet:
    return ResNet(18, frozen)


class Unregistered:
    def __init__(self, size: int) -> None:
        self.size = size


reveal_type(cfg(ResNet, depth=50))  # N: Revealed type is "typed_registry._typed_config.Config[case_typed_cfg.ResNet]"
reveal_type(MODELS.build(cfg(ResNet, depth=50)))  # N: Revealed type is "case_typed_cfg.ResNet"
reveal_type(MODELS.build(cfg(resnet18, frozen=True)))  # N: Revealed type is "case_typed_cfg.ResNet"
reveal_type(MODELS.build(cfg(Detector, backbone=cfg(ResNet, depth=50))))  # N: Revealed type is "case_typed_cfg.Detector"
reveal_type(MODELS.build(cfg(ResNet, depth=50), default_args={"frozen": True}))  # N: Revealed type is "case_typed_cfg.ResNet"
reveal_type(build_from_cfg(cfg(ResNet, depth=50), MODELS))  # N: Revealed type is "case_typed_cfg.ResNet"
reveal_type(MODELS.build(cfg(Unregistered, size=1)))  # N: Revealed type is "case_typed_cfg.Unregistered"

# A Config nested in a dict config is a dict to the plugin's checks.
reveal_type(MODELS.build(dict(type="Detector", backbone=cfg(ResNet, depth=50))))  # N: Revealed type is "case_typed_cfg.Detector"
MODELS.build({"type": "Detector", "backbone": cfg(ResNet, depth=50), "neck": cfg(ResNet, depth=1)})

# A variable holding a Config keeps its type.
backbone: Config[ResNet] = cfg(ResNet, depth=101)
reveal_type(MODELS.build(backbone))  # N: Revealed type is "case_typed_cfg.ResNet"
as_model: Config[Model] = backbone  # a Config[ResNet] is a Config[Model]

# Mistakes in cfg() are mypy's own errors, with or without the plugin.
cfg(ResNet, dpth=50)  # E: Unexpected keyword argument "dpth" for "cfg"; did you mean "depth"?  [call-arg] # N: "cfg" defined in "typed_registry._typed_config"
cfg(ResNet, depth="50")  # E: Argument "depth" to "cfg" has incompatible type "str"; expected "int"  [arg-type]

# Dict configs keep the plugin's checks and types.
reveal_type(MODELS.build(dict(type="ResNet", depth=50)))  # N: Revealed type is "case_typed_cfg.ResNet"
MODELS.build(dict(type="ResNte", depth=50))  # E: "ResNte" is not registered in registry "models" (scope "typed_cfg"); did you mean "ResNet"?  [registry-name]
MODELS.build(dict(type="ResNet", dpth=50))  # E: Unexpected keyword argument "dpth" for "ResNet"; did you mean "depth"?  [call-arg]

# A config typed Any (an attribute of an untyped config object) builds the registry's type:
# both overloads of build match it, and without the plugin the call would be Any.
untyped: Any = {"type": "ResNet", "depth": 50}
reveal_type(MODELS.build(untyped))  # N: Revealed type is "case_typed_cfg.Model"
reveal_type(build_from_cfg(untyped, MODELS))  # N: Revealed type is "case_typed_cfg.Model"
some_registry: Any = MODELS
reveal_type(build_from_cfg(untyped, some_registry))  # N: Revealed type is "Any"
