from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from typed_registry import (
    MissingTypeError,
    NotRegisteredError,
    Registry,
    RegistryError,
    build_from_cfg,
)


class Point:
    def __init__(self, x: int = 0, y: int = 0) -> None:
        self.x = x
        self.y = y


class KwargsRecorder:
    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs


class TwoArgError(Exception):
    def __init__(self, code: int, detail: str) -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


class Failing:
    def __init__(self, code: int) -> None:
        raise TwoArgError(code, "constructor failed")


class ReadOnlyConfig(Mapping[str, Any]):
    """A Mapping that is not a dict, like MMEngine's Config."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class DictSubclass(dict[str, Any]):
    pass


def make_point_pair(x: int) -> tuple[Point, Point]:
    return Point(x), Point(x)


@pytest.fixture
def reg() -> Registry[Any]:
    reg: Registry[Any] = Registry("shapes", scope="geo")
    reg.register_module(module=Point)
    reg.register_module(module=KwargsRecorder)
    reg.register_module(module=Failing)
    reg.register_module(module=make_point_pair)
    return reg


# -- Registry.build with the default build_from_cfg ---------------------------------------------


def test_build_calls_the_registered_class_with_the_other_items(reg: Registry[Any]) -> None:
    point = reg.build({"type": "Point", "x": 1, "y": 2})
    assert type(point) is Point
    assert (point.x, point.y) == (1, 2)


def test_build_passes_every_item_except_type_as_keyword_arguments(reg: Registry[Any]) -> None:
    built = reg.build({"type": "KwargsRecorder", "a": 1, "b": [2]})
    assert built.kwargs == {"a": 1, "b": [2]}


def test_build_calls_a_registered_function_and_returns_its_result(reg: Registry[Any]) -> None:
    first, second = reg.build({"type": "make_point_pair", "x": 4})
    assert (first.x, second.x) == (4, 4)


def test_build_accepts_cfg_by_keyword(reg: Registry[Any]) -> None:
    assert reg.build(cfg={"type": "Point", "x": 3}).x == 3


def test_build_accepts_default_args_by_keyword(reg: Registry[Any]) -> None:
    point = reg.build({"type": "Point"}, default_args={"x": 5})
    assert point.x == 5


def test_build_accepts_default_args_positionally(reg: Registry[Any]) -> None:
    point = reg.build({"type": "Point", "y": 1}, {"x": 5})
    assert (point.x, point.y) == (5, 1)


def test_default_args_fill_only_missing_keys(reg: Registry[Any]) -> None:
    point = reg.build({"type": "Point", "x": 1}, default_args={"x": 100, "y": 2})
    assert (point.x, point.y) == (1, 2)


def test_type_may_come_from_default_args(reg: Registry[Any]) -> None:
    point = reg.build({"x": 1}, default_args={"type": "Point"})
    assert type(point) is Point


def test_the_type_in_cfg_wins_over_the_type_in_default_args(reg: Registry[Any]) -> None:
    built = reg.build({"type": "KwargsRecorder"}, default_args={"type": "Point"})
    assert type(built) is KwargsRecorder


def test_a_class_as_type_is_used_directly_without_registration() -> None:
    empty: Registry[Any] = Registry("empty", scope="e")

    class Unregistered:
        def __init__(self, value: int) -> None:
            self.value = value

    built = empty.build({"type": Unregistered, "value": 9})
    assert type(built) is Unregistered
    assert built.value == 9


def test_a_function_as_type_is_called_directly() -> None:
    empty: Registry[Any] = Registry("empty", scope="e")
    assert empty.build({"type": make_point_pair, "x": 2})[1].x == 2


def test_build_from_a_child_resolves_through_the_parent(reg: Registry[Any]) -> None:
    child: Registry[Any] = Registry("shapes", scope="child", parent=reg)
    assert type(child.build({"type": "Point"})) is Point


def test_build_resolves_a_scoped_type(reg: Registry[Any]) -> None:
    child: Registry[Any] = Registry("shapes", scope="child", parent=reg)
    child.register_module("Local", module=KwargsRecorder)
    assert type(reg.build({"type": "child.Local"})) is KwargsRecorder
    assert type(child.build({"type": "geo.Point"})) is Point


def test_build_of_an_unregistered_type_raises_not_registered_error(reg: Registry[Any]) -> None:
    with pytest.raises(NotRegisteredError, match="'Circle' is not registered"):
        reg.build({"type": "Circle"})


def test_build_of_a_config_without_type_raises_missing_type_error(reg: Registry[Any]) -> None:
    with pytest.raises(MissingTypeError):
        reg.build({"x": 1})
    assert issubclass(MissingTypeError, KeyError)
    assert issubclass(MissingTypeError, RegistryError)


@pytest.mark.parametrize("obj_type", [3, None, 2.5, ["Point"]])
def test_a_type_that_is_neither_a_string_nor_callable_raises_type_error(
    reg: Registry[Any], obj_type: object
) -> None:
    with pytest.raises(TypeError, match="cfg 'type' must be a registered name"):
        reg.build({"type": obj_type})


@pytest.mark.parametrize("cfg", [None, [("type", "Point")], "Point", 3])
def test_a_cfg_that_is_not_a_mapping_raises_type_error(reg: Registry[Any], cfg: object) -> None:
    with pytest.raises(TypeError, match="cfg must be a mapping such as a dict"):
        reg.build(cfg)  # type: ignore[arg-type]


@pytest.mark.parametrize("registry", ["BACKBONES", None, {"Point": Point}, Registry])
def test_build_from_cfg_with_anything_but_a_registry_raises_type_error(registry: object) -> None:
    with pytest.raises(TypeError, match=r"registry must be a typed_registry\.Registry, not "):
        build_from_cfg({"type": "Point"}, registry)  # type: ignore[arg-type]


def test_build_from_cfg_with_a_registry_name_builds_nothing_even_for_a_class_type() -> None:
    built: list[object] = []
    with pytest.raises(TypeError, match=r"registry must be a typed_registry\.Registry"):
        build_from_cfg({"type": built.append, "object": 1}, "BACKBONES")  # type: ignore[arg-type]
    assert built == []


def test_build_from_cfg_checks_the_registry_before_the_type_key() -> None:
    with pytest.raises(TypeError, match=r"registry must be a typed_registry\.Registry"):
        build_from_cfg({"x": 1}, "BACKBONES")  # type: ignore[arg-type]


def test_default_args_that_are_not_a_mapping_raise_type_error(reg: Registry[Any]) -> None:
    with pytest.raises(TypeError, match="default_args must be a mapping or None"):
        reg.build({"type": "Point"}, [("x", 1)])


def test_default_args_none_is_no_defaults(reg: Registry[Any]) -> None:
    assert reg.build({"type": "Point", "x": 2}, None).x == 2


def test_build_accepts_a_dict_subclass(reg: Registry[Any]) -> None:
    cfg = DictSubclass(type="Point", x=6)
    assert reg.build(cfg).x == 6
    assert build_from_cfg(cfg, reg).x == 6
    assert cfg == {"type": "Point", "x": 6}


def test_build_accepts_a_mapping_that_is_not_a_dict(reg: Registry[Any]) -> None:
    cfg = ReadOnlyConfig({"type": "Point", "x": 6})
    assert reg.build(cfg).x == 6
    assert build_from_cfg(cfg, reg).x == 6
    assert reg.build(ReadOnlyConfig({"x": 1}), ReadOnlyConfig({"type": "Point", "y": 2})).y == 2


def test_default_args_may_be_any_mapping(reg: Registry[Any]) -> None:
    point = build_from_cfg({"type": "Point"}, reg, ReadOnlyConfig({"x": 8}))
    assert point.x == 8


# -- nothing is mutated -------------------------------------------------------------------------


def test_build_never_mutates_cfg_or_default_args(reg: Registry[Any]) -> None:
    cfg = {"type": "KwargsRecorder", "nested": {"type": "Point", "inner": [1, {"a": 2}]}}
    default_args = {"type": "Point", "extra": {"deep": [3]}, "_scope_": "geo"}
    cfg_before = copy.deepcopy(cfg)
    default_args_before = copy.deepcopy(default_args)
    reg.build(cfg)
    reg.build(cfg, default_args)
    build_from_cfg(cfg, reg, default_args)
    assert cfg == cfg_before
    assert default_args == default_args_before


def test_build_never_mutates_a_cfg_with_a_scope_key(reg: Registry[Any]) -> None:
    cfg = {"type": "Point", "x": 1, "_scope_": "geo"}
    before = dict(cfg)
    reg.build(cfg)
    build_from_cfg(cfg, reg)
    assert cfg == before


def test_build_never_mutates_cfg_when_the_constructor_fails(reg: Registry[Any]) -> None:
    cfg = {"type": "Failing", "code": 1}
    for _ in range(2):
        with pytest.raises(TwoArgError):
            reg.build(cfg)
    assert cfg == {"type": "Failing", "code": 1}


def test_the_constructor_gets_fresh_keyword_arguments_each_time(reg: Registry[Any]) -> None:
    cfg = {"type": "KwargsRecorder", "a": 1}
    first = reg.build(cfg)
    second = reg.build(cfg)
    first.kwargs["a"] = 2
    assert second.kwargs == {"a": 1}
    assert cfg == {"type": "KwargsRecorder", "a": 1}


# -- constructor errors keep their type -----------------------------------------------------


def test_a_constructor_error_keeps_its_type_and_arguments(reg: Registry[Any]) -> None:
    with pytest.raises(TwoArgError) as info:
        reg.build({"type": "Failing", "code": 7})
    assert info.value.args == (7, "constructor failed")
    assert (info.value.code, info.value.detail) == (7, "constructor failed")
    assert str(info.value) == "(7, 'constructor failed')"


def test_a_constructor_error_gets_a_note_naming_registry_and_type(reg: Registry[Any]) -> None:
    with pytest.raises(TwoArgError) as info:
        reg.build({"type": "Failing", "code": 7})
    assert info.value.__notes__ == ["while building 'Failing' with registry 'shapes' (scope 'geo')"]


def test_a_constructor_error_is_noted_on_the_cached_fast_path_too(reg: Registry[Any]) -> None:
    assert reg.get("Failing") is Failing
    with pytest.raises(TwoArgError) as info:
        reg.build({"type": "Failing", "code": 7})
    assert info.value.__notes__ == ["while building 'Failing' with registry 'shapes' (scope 'geo')"]
    assert info.value.args == (7, "constructor failed")


def test_a_wrong_keyword_argument_raises_the_constructors_type_error(reg: Registry[Any]) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'") as info:
        reg.build({"type": "Point", "z": 1})
    assert type(info.value) is TypeError
    assert info.value.__notes__ == ["while building 'Point' with registry 'shapes' (scope 'geo')"]


def test_an_error_of_a_type_used_directly_is_noted_with_its_repr() -> None:
    empty: Registry[Any] = Registry("empty", scope="e")
    with pytest.raises(TwoArgError) as info:
        empty.build({"type": Failing, "code": 1})
    assert info.value.__notes__ == [f"while building {Failing!r} with registry 'empty' (scope 'e')"]


def test_an_error_raised_by_build_from_cfg_is_noted_the_same(reg: Registry[Any]) -> None:
    with pytest.raises(TwoArgError) as info:
        build_from_cfg({"type": "Failing", "code": 1}, reg)
    assert info.value.__notes__ == ["while building 'Failing' with registry 'shapes' (scope 'geo')"]


def test_a_nested_build_error_gets_a_note_from_each_level_naming_its_config_path(
    reg: Registry[Any],
) -> None:
    class Outer:
        def __init__(self, inner: dict[str, Any]) -> None:
            self.inner = reg.build(inner)

    reg.register_module(module=Outer)
    with pytest.raises(TwoArgError) as info:
        reg.build({"type": "Outer", "inner": {"type": "Failing", "code": 2}})
    assert info.value.__notes__ == [
        "while building 'Failing' at 'inner' with registry 'shapes' (scope 'geo')",
        "while building 'Outer' with registry 'shapes' (scope 'geo')",
    ]


def test_a_base_exception_from_the_constructor_propagates_without_a_note(
    reg: Registry[Any],
) -> None:
    def interrupt() -> None:
        raise KeyboardInterrupt

    reg.register_module(module=interrupt)
    with pytest.raises(KeyboardInterrupt) as info:
        reg.build({"type": "interrupt"})
    assert not hasattr(info.value, "__notes__")


# -- build_from_cfg called directly --------------------------------------------------------------


def test_build_from_cfg_builds_with_the_given_registry(reg: Registry[Any]) -> None:
    point = build_from_cfg({"type": "Point", "x": 1}, reg, {"y": 2})
    assert (point.x, point.y) == (1, 2)


def test_build_from_cfg_accepts_keyword_arguments(reg: Registry[Any]) -> None:
    point = build_from_cfg(cfg={"type": "Point"}, registry=reg, default_args={"x": 3})
    assert point.x == 3


def test_build_from_cfg_raises_missing_type_error_without_type(reg: Registry[Any]) -> None:
    with pytest.raises(MissingTypeError):
        build_from_cfg({"x": 1}, reg, {"y": 2})


# -- custom build functions ------------------------------------------------------------------


def test_build_calls_build_func_with_args_and_registry_by_keyword() -> None:
    calls: list[tuple[Any, ...]] = []

    def record(cfg: Any, *args: Any, **kwargs: Any) -> str:
        calls.append((cfg, args, kwargs))
        return "built"

    reg: Registry[Any] = Registry("custom", scope="c", build_func=record)
    cfg = {"type": "X"}
    assert reg.build(cfg, 1, 2, flag=True) == "built"
    assert calls == [(cfg, (1, 2), {"registry": reg, "flag": True})]


def test_build_passes_cfg_given_by_keyword_to_build_func() -> None:
    def echo(cfg: Any, registry: Any) -> Any:
        return cfg, registry

    reg: Registry[Any] = Registry("custom", scope="c", build_func=echo)
    assert reg.build(cfg={"a": 1}) == ({"a": 1}, reg)


def test_an_inherited_build_func_is_called_with_the_child_registry() -> None:
    def which(cfg: Any, registry: Any) -> Any:
        return registry

    root: Registry[Any] = Registry("custom", scope="root", build_func=which)
    child: Registry[Any] = Registry("custom", scope="child", parent=root)
    assert child.build({}) is child


def test_a_custom_build_func_receives_the_cfg_object_itself() -> None:
    def identity(cfg: Any, registry: Any) -> Any:
        return cfg

    reg: Registry[Any] = Registry("custom", scope="c", build_func=identity)
    cfg = ReadOnlyConfig({"type": "X"})
    assert reg.build(cfg) is cfg


# The seed document's custom build function, verbatim (kept in a string so that no formatter
# or linter touches it).
SEED_BUILD_CONVERTER = """
def build_converter(cfg, registry, *args, **kwargs):
    cfg_ = cfg.copy()
    converter_type = cfg_.pop('type')
    if converter_type not in registry:
        raise KeyError(f'Unrecognized converter type {converter_type}')
    else:
        converter_cls = registry.get(converter_type)

    converter = converter_cls(*args, **kwargs, **cfg_)
    return converter
"""
seed_namespace: dict[str, Any] = {}
exec(SEED_BUILD_CONVERTER, seed_namespace)
build_converter = seed_namespace["build_converter"]


class Converter1:
    def __init__(self, a: int, b: int) -> None:
        self.a = a
        self.b = b


def converter2(a: int, b: int) -> Converter1:
    return Converter1(a, b)


def test_the_seeds_custom_build_converter_works_unchanged() -> None:
    converters: Registry[Any] = Registry("converter", build_func=build_converter, scope="conv")
    converters.register_module(module=Converter1)
    converters.register_module(module=converter2)
    converter1 = converters.build(dict(type="Converter1", a=1, b=2))  # noqa: C408
    assert type(converter1) is Converter1
    assert (converter1.a, converter1.b) == (1, 2)
    result = converters.build(cfg=dict(type="converter2", a=3, b=4))  # noqa: C408
    assert type(result) is Converter1
    assert (result.a, result.b) == (3, 4)


def test_the_seeds_custom_build_converter_passes_keyword_arguments_through() -> None:
    converters: Registry[Any] = Registry("converter", build_func=build_converter, scope="conv")
    converters.register_module(module=Converter1)
    converter1 = converters.build({"type": "Converter1", "a": 1}, b=5)
    assert (converter1.a, converter1.b) == (1, 5)


def test_the_seeds_custom_build_converter_rejects_unknown_types() -> None:
    converters: Registry[Any] = Registry("converter", build_func=build_converter, scope="conv")
    with pytest.raises(KeyError, match="Unrecognized converter type Converter3"):
        converters.build({"type": "Converter3"})


def test_the_seeds_custom_build_converter_resolves_through_the_parent() -> None:
    root: Registry[Any] = Registry("converter", build_func=build_converter, scope="conv")
    child: Registry[Any] = Registry("converter", parent=root, scope="child")
    root.register_module(module=Converter1)
    assert type(child.build({"type": "Converter1", "a": 1, "b": 2})) is Converter1
    assert type(root.build({"type": "conv.Converter1", "a": 1, "b": 2})) is Converter1
