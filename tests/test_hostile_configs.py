"""Configs that are cyclic, deep, huge or odd get bounded ConfigError-family errors."""

from __future__ import annotations

from typing import Any

import pytest

from typed_registry import Registry, build_from_cfg
from typed_registry.exceptions import ConfigError, MissingTypeError


@pytest.fixture
def reg() -> Registry[Any]:
    reg: Registry[Any] = Registry("models", scope="hostile")

    @reg.register_module()
    class Net:
        def __init__(self, depth: int = 1, **extra: Any) -> None:
            self.depth = depth

    @reg.register_module()
    class Wrapper:
        def __init__(self, inner: dict[str, Any]) -> None:
            self.inner = reg.build(inner)

    return reg


def nested(depth: int, leaf: dict[str, Any] | None = None) -> dict[str, Any]:
    """``{"a": {"a": ... leaf}}``, ``depth`` dicts deep."""
    config: dict[str, Any] = leaf if leaf is not None else {}
    for _ in range(depth):
        config = {"a": config}
    return config


def test_validate_of_a_config_that_contains_itself_is_a_config_error(reg: Registry[Any]) -> None:
    cfg: dict[str, Any] = {"type": "Net"}
    cfg["self"] = cfg
    with pytest.raises(ConfigError) as info:
        reg.validate(cfg)
    assert str(info.value) == (
        "the config contains itself: the value at 'self' is a config that encloses it"
    )


def test_validate_of_a_config_nested_a_thousand_deep_is_a_bounded_config_error(
    reg: Registry[Any],
) -> None:
    cfg = {"type": "Net", "extra": nested(1000)}
    with pytest.raises(ConfigError) as info:
        reg.validate(cfg)
    assert str(info.value) == (
        "the config nests deeper than 100 levels (at 'extra.a.a.a...a.a.a.a')"
    )


def test_validate_accepts_a_dict_shared_by_two_branches(reg: Registry[Any]) -> None:
    shared = {"depth": 1}
    assert reg.validate({"type": "Net", "x": [shared, shared], "y": shared}) == []


def test_validate_reports_a_key_that_is_not_a_string(reg: Registry[Any]) -> None:
    problems = reg.validate({"type": "Net", 1: 2})  # type: ignore[dict-item]
    assert [str(p) for p in problems] == [
        "Invalid config: key 1 is not a string (keys are argument names)  [registry-config]"
    ]


def test_validate_of_a_million_keys_without_type_is_one_short_problem(reg: Registry[Any]) -> None:
    problems = reg.validate({f"k{i}": i for i in range(1_000_000)})
    assert [str(p) for p in problems] == ['Invalid config: it has no "type"  [registry-config]']


@pytest.mark.parametrize(
    "cfg",
    [
        pytest.param(nested(1000), id="deep"),
        pytest.param({f"k{i}": i for i in range(1_000_000)}, id="huge"),
        pytest.param({"s": "x" * 1_000_000}, id="long-string"),
    ],
)
def test_build_without_type_gives_a_bounded_message(
    reg: Registry[Any], cfg: dict[str, Any]
) -> None:
    with pytest.raises(MissingTypeError) as info:
        reg.build(cfg)
    assert isinstance(info.value, ConfigError)
    assert isinstance(info.value, KeyError)
    assert len(str(info.value)) < 400
    assert str(info.value).startswith(
        "cannot build with registry 'models': neither cfg nor default_args has a 'type' key "
        "(cfg: {'"
    )


def test_build_without_type_of_a_config_that_contains_itself_is_bounded(
    reg: Registry[Any],
) -> None:
    cfg: dict[str, Any] = {"name": "loop"}
    cfg["self"] = cfg
    with pytest.raises(MissingTypeError) as info:
        reg.build(cfg)
    assert str(info.value) == (
        "cannot build with registry 'models': neither cfg nor default_args has a 'type' key "
        "(cfg: {'name': 'loop', 'self': {'name': 'loop', 'self': {'name': 'loop', "
        "'self': {...}}}})"
    )


def test_a_config_that_builds_itself_is_one_config_error(reg: Registry[Any]) -> None:
    cfg: dict[str, Any] = {"type": "Wrapper"}
    cfg["inner"] = cfg
    with pytest.raises(ConfigError) as info:
        reg.build(cfg)
    assert str(info.value) == (
        "the config of 'Wrapper' builds itself (with registry 'models' (scope 'hostile')): its "
        "constructor builds the config it was given, or the config contains itself, so the "
        "build never ends"
    )
    assert not hasattr(info.value, "__notes__")
    assert info.value.__cause__ is None


def test_a_constructor_that_builds_copies_of_its_config_is_one_config_error(
    reg: Registry[Any],
) -> None:
    @reg.register_module()
    class Again:
        def __init__(self, **kwargs: Any) -> None:
            reg.build({"type": "Again", **kwargs})

    with pytest.raises(ConfigError) as info:
        reg.build({"type": "Again"})
    assert str(info.value).startswith(
        "builds nested 50 deep ran out of Python's stack (while building 'Again' with "
        "registry 'models' (scope 'hostile'), the innermost at an unknown path): a config "
        "nested this deeply, or a constructor that builds a copy of its own config"
    )
    assert not hasattr(info.value, "__notes__")


def test_a_constructors_own_recursion_error_stays_a_recursion_error(reg: Registry[Any]) -> None:
    def recurse(n: int = 0) -> int:
        return recurse(n + 1)

    reg.register_module("recurse", module=recurse)
    with pytest.raises(RecursionError) as info:
        reg.build({"type": "recurse"})
    assert info.value.__notes__ == [
        "while building 'recurse' with registry 'models' (scope 'hostile')"
    ]


def test_a_config_that_builds_itself_through_build_from_cfg_is_one_config_error(
    reg: Registry[Any],
) -> None:
    @reg.register_module()
    class Direct:
        def __init__(self, inner: dict[str, Any]) -> None:
            build_from_cfg(inner, reg)

    cfg: dict[str, Any] = {"type": "Direct"}
    cfg["inner"] = cfg
    with pytest.raises(ConfigError, match="the config of 'Direct' builds itself"):
        build_from_cfg(cfg, reg)
