"""A builder's contract written once as an alias: ``validate`` reads it as written out.

``NormCfg = Annotated[dict[str, Any], ConfigFor(NORMS, supplies=..., consumes=...)]`` then
``norm_cfg: NormCfg``: the annotation is the alias's object at run time (also a string
annotation, evaluated in the module as ``typing.get_type_hints`` does).
"""

from __future__ import annotations

from typing import Annotated, Any

import pytest

from typed_registry import ConfigFor, Registry

ALIAS_MODELS: Registry[Any] = Registry("models", scope="alias_models")
ALIAS_NORMS: Registry[Any] = Registry("norms", scope="alias_norms")

NormCfg = Annotated[
    dict[str, Any],
    ConfigFor(ALIAS_NORMS, supplies=["num_features"], consumes=["requires_grad"]),
]
OptionalNormCfg = NormCfg | None


@ALIAS_NORMS.register_module("GN")
class GroupNorm:
    def __init__(self, num_features: int, num_groups: int) -> None:
        self.num_groups = num_groups


@ALIAS_MODELS.register_module()
class ResNet:
    # String annotations (``from __future__ import annotations``) naming the aliases.
    def __init__(self, norm_cfg: NormCfg, stem_norm: OptionalNormCfg = None) -> None:
        self.norm_cfg = norm_cfg


def _problems(config: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in ALIAS_MODELS.validate(config)]


@pytest.mark.parametrize("key", ["norm_cfg", "stem_norm"])
def test_validate_reads_the_contract_of_an_alias(key: str) -> None:
    nested = {"type": "GN", "num_groups": 2, "requires_grad": True}
    config = {"type": "ResNet", "norm_cfg": dict(nested), key: {**nested, "num_features": 3}}
    assert _problems(config) == [
        (f"{key}.num_features", 'Unexpected keyword argument "num_features" for "GroupNorm"')
    ]
    assert _problems({"type": "ResNet", "norm_cfg": {"type": "GN"}}) == [
        ("norm_cfg", 'Missing named argument "num_groups" for "GroupNorm"')
    ]
