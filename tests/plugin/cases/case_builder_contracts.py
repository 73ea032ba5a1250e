"""A builder's contract: ``ConfigFor(REG, supplies=..., consumes=...)`` on the parameter.

A norm-layer builder passes ``num_features`` itself and pops ``requires_grad`` before it
builds: the nested config's keys are checked exactly against that. A typo in an outer
``type`` leaves the nested configs checked by name: every mistake is reported at once.
"""

from typing import Annotated, Any

from typed_registry import ConfigFor, Registry

MODELS: Registry[Any] = Registry("models", scope="contracts")
NORMS: Registry[Any] = Registry("norms", scope="contracts_norms")


@NORMS.register_module("BN")
class BatchNorm:
    def __init__(self, num_features: int, eps: float = 1e-5) -> None:
        self.num_features = num_features


@NORMS.register_module("GN")
class GroupNorm:
    def __init__(self, num_features: int, num_groups: int) -> None:
        self.num_groups = num_groups


@MODELS.register_module()
class ResNet:
    def __init__(
        self,
        depth: int,
        norm_cfg: Annotated[
            dict[str, Any],
            ConfigFor(NORMS, supplies=["num_features"], consumes=["requires_grad"]),
        ],
        head_norm: Annotated[dict[str, Any] | None, ConfigFor(NORMS)] = None,
    ) -> None:
        self.depth = depth


def build_norm_layer(
    cfg: Annotated[
        dict[str, Any],
        ConfigFor(NORMS, supplies=["num_features"], consumes=["requires_grad"]),
    ],
    num_features: int,
) -> Any:
    """A wrapper builder, declared once: each call of it is checked."""
    layer_cfg = dict(cfg)
    layer_cfg.pop("requires_grad", None)
    return NORMS.build(layer_cfg, default_args={"num_features": num_features})


def build_norm_layers(
    cfgs: Annotated[list[dict[str, Any]], ConfigFor(NORMS)], *, num_features: int
) -> list[Any]:
    return [NORMS.build(cfg, default_args={"num_features": num_features}) for cfg in cfgs]


def undeclared(cfg: dict[str, Any]) -> Any:
    return NORMS.build(cfg)


# What the builder consumes is not BatchNorm's; what it supplies is not the config's.
MODELS.build(dict(type="ResNet", depth=50, norm_cfg=dict(type="BN", requires_grad=True)))
MODELS.build(dict(type="ResNet", depth=50, norm_cfg=dict(type="BN", num_features=3)))  # E: Unexpected keyword argument "num_features" for "BatchNorm"  [call-arg]
MODELS.build(dict(type="ResNet", depth=50, norm_cfg=dict(type="GN")))  # E: Missing named argument "num_groups" for "GroupNorm"  [call-arg]
MODELS.build(dict(type="ResNet", depth=50, norm_cfg=dict(type="BN", epss=1.0)))  # E: Unexpected keyword argument "epss" for "BatchNorm"; did you mean "eps"?  [call-arg]
# Without a declaration of what the builder supplies, a missing argument is no error.
MODELS.build(dict(type="ResNet", depth=50, norm_cfg=dict(type="BN"), head_norm=dict(type="GN")))
# A typo in the outer type: the nested mistakes that can be known are still reported.
MODELS.build(
    dict(
        type="ResNett",  # E: "ResNett" is not registered in registry "models" (scope "contracts"); did you mean "ResNet"?  [registry-name]
        depth=50,
        norm_cfg=dict(type="BNN"),  # E: "BNN" is not registered in any registry; did you mean "BN"?  [registry-name]
    )
)

# Calls of a declared wrapper builder, by position or by name, one config or a list.
build_norm_layer(dict(type="BN", requires_grad=False), 64)
build_norm_layer(dict(type="BNN"), 64)  # E: "BNN" is not registered in registry "norms" (scope "contracts_norms"); did you mean "BN"?  [registry-name]
build_norm_layer(num_features=8, cfg=dict(type="GN"))  # E: Missing named argument "num_groups" for "GroupNorm"  [call-arg]
build_norm_layers([dict(type="GN", num_groups=2), dict(type="BN", momentum=0.1)], num_features=3)  # E: Unexpected keyword argument "momentum" for "BatchNorm"  [call-arg]
build_norm_layers(cfgs=[dict(type="GN")], num_features=3)
undeclared(dict(type="BNN"))
