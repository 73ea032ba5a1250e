"""A builder's contract (``ConfigFor(REG, supplies=..., consumes=...)``) in ``validate``."""

from typing import Annotated, Any

import pytest

from typed_registry import ConfigFor, Registry


def _registries(prefix: str) -> tuple[Registry[Any], Registry[Any]]:
    models: Registry[Any] = Registry("models", scope=f"{prefix}_models")
    norms: Registry[Any] = Registry("norms", scope=f"{prefix}_norms")

    @norms.register_module("BN")
    class BatchNorm:
        def __init__(self, num_features: int, eps: float = 1e-5) -> None:
            pass

    @norms.register_module("GN")
    class GroupNorm:
        def __init__(self, num_features: int, num_groups: int) -> None:
            pass

    norm_config = ConfigFor(norms, supplies=["num_features"], consumes=["requires_grad"])

    @models.register_module()
    class ResNet:
        def __init__(
            self, depth: int, norm_cfg: Annotated[dict[str, Any], norm_config] | None = None
        ) -> None:
            pass

    return models, norms


def test_keys_the_builder_consumes_are_not_checked_against_what_it_builds() -> None:
    models, _ = _registries("contract_pop")
    config = {"type": "ResNet", "depth": 50, "norm_cfg": {"type": "BN", "requires_grad": True}}
    assert models.validate(config) == []


def test_the_arguments_the_builder_supplies_are_no_longer_the_configs_to_pass() -> None:
    models, _ = _registries("contract_supplied")
    config = {"type": "ResNet", "depth": 50, "norm_cfg": {"type": "BN", "num_features": 3}}
    assert [(p.path, p.message) for p in models.validate(config)] == [
        ("norm_cfg.num_features", 'Unexpected keyword argument "num_features" for "BatchNorm"')
    ]


def test_a_declared_builder_reports_the_other_missing_arguments() -> None:
    models, _ = _registries("contract_missing")
    config = {"type": "ResNet", "depth": 50, "norm_cfg": {"type": "GN"}}
    assert [(p.path, p.message) for p in models.validate(config)] == [
        ("norm_cfg", 'Missing named argument "num_groups" for "GroupNorm"')
    ]


def test_a_typo_in_the_outer_type_does_not_hide_the_nested_mistakes() -> None:
    models, norms = _registries("contract_typo")
    config = {"type": "ResNett", "depth": 50, "norm_cfg": {"type": "BNN"}}
    # Which parameter takes norm_cfg is unknown: checked by name in the known registries.
    assert [(p.path, p.code) for p in models.validate(config, registries=[norms])] == [
        ("type", "registry-name"),
        ("norm_cfg.type", "registry-name"),
    ]


def test_configfor_refuses_a_string_of_keys() -> None:
    models, _ = _registries("contract_string")
    with pytest.raises(TypeError, match="a list of keys, not the string 'requires_grad'"):
        ConfigFor(models, consumes="requires_grad")


def test_a_contract_shows_what_it_declares() -> None:
    models, _ = _registries("contract_repr")
    assert repr(ConfigFor(models, supplies=(), consumes=["pretrained"])).endswith(
        "supplies=(), consumes=('pretrained',))"
    )
    assert repr(ConfigFor(models)) == f"ConfigFor({models!r})"
