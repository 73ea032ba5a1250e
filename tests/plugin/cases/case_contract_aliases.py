"""A builder's contract written once, as a module-level alias, and used on each parameter.

``NormCfg = Annotated[dict[str, Any], ConfigFor(NORMS, supplies=[...], consumes=[...])]``
then ``norm_cfg: NormCfg``: the same checks as the annotation written out, also in a union
(``NormCfg | None``), through an alias of the alias, as a ``TypeAlias`` and in a string
annotation.
"""

from typing import Annotated, Any, TypeAlias

from typed_registry import ConfigFor, Registry

ALIASED: Registry[Any] = Registry("aliased", scope="aliased")
ALIASED_NORMS: Registry[Any] = Registry("aliased_norms", scope="aliased_norms")

NormCfg = Annotated[
    dict[str, Any],
    ConfigFor(ALIASED_NORMS, supplies=["num_features"], consumes=["requires_grad"]),
]
OptionalNormCfg = NormCfg | None
PlainNormCfg: TypeAlias = Annotated[dict[str, Any], ConfigFor(ALIASED_NORMS)]


@ALIASED_NORMS.register_module("BN")
class BatchNorm:
    def __init__(self, num_features: int, eps: float = 1e-5) -> None:
        self.num_features = num_features


@ALIASED_NORMS.register_module("GN")
class GroupNorm:
    def __init__(self, num_features: int, num_groups: int) -> None:
        self.num_groups = num_groups


@ALIASED.register_module()
class ResNet:
    def __init__(
        self,
        depth: int,
        norm_cfg: NormCfg,
        stem_norm: OptionalNormCfg = None,
        head_norm: "PlainNormCfg | None" = None,
    ) -> None:
        self.depth = depth


def build_norm_layer(cfg: NormCfg, num_features: int) -> Any:
    """A wrapper builder whose contract is the alias: each call of it is checked."""
    return ALIASED_NORMS.build(cfg, default_args={"num_features": num_features})


ALIASED.build(dict(type="ResNet", depth=50, norm_cfg=dict(type="BN", requires_grad=True)))
ALIASED.build(dict(type="ResNet", depth=50, norm_cfg=dict(type="BN", num_features=3)))  # E: Unexpected keyword argument "num_features" for "BatchNorm"  [call-arg]
ALIASED.build(dict(type="ResNet", depth=50, norm_cfg=dict(type="GN")))  # E: Missing named argument "num_groups" for "GroupNorm"  [call-arg]
ALIASED.build(
    dict(
        type="ResNet",
        depth=50,
        norm_cfg=dict(type="BN"),
        stem_norm=dict(type="BN", requires_grad=False, epss=1.0),  # E: Unexpected keyword argument "epss" for "BatchNorm"; did you mean "eps"?  [call-arg]
        head_norm=dict(type="BN", requires_grad=False),  # E: Unexpected keyword argument "requires_grad" for "BatchNorm"  [call-arg]
    )
)
build_norm_layer(dict(type="BN", requires_grad=True), 64)
build_norm_layer(dict(type="BNN"), 64)  # E: "BNN" is not registered in registry "aliased_norms" (scope "aliased_norms"); did you mean "BN"?  [registry-name]
build_norm_layer(dict(type="GN"), 64)  # E: Missing named argument "num_groups" for "GroupNorm"  [call-arg]
