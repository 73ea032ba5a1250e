"""Registry.validate: each rule of a config check, and each message, by example."""

import functools
from typing import Annotated, Any, Literal

import pytest

from typed_registry import ConfigFor, Registry, default_scope
from typed_registry._validation import OPAQUE, DataList, NamedClass, PartialDict
from typed_registry._validation._problem import ConfigProblem


def _registry(scope: str, parent: Registry[Any] | None = None) -> Registry[Any]:
    return Registry("things", scope=scope, parent=parent)


def test_a_correct_config_has_no_problem():
    reg = _registry("v_ok")

    @reg.register_module()
    class Net:
        def __init__(self, depth: int, width: float = 1.0) -> None:
            pass

    assert reg.validate({"type": "Net", "depth": 50, "width": 2}) == []


def test_an_unknown_key_is_reported_with_the_parameter_it_probably_meant():
    reg = _registry("v_unknown")

    @reg.register_module()
    class Net:
        def __init__(self, depth: int = 1, size: int = 1) -> None:
            pass

    assert reg.validate({"type": "Net", "dpth": 50, "zzz": 1}) == [
        ConfigProblem(
            "dpth",
            'Unexpected keyword argument "dpth" for "Net"; did you mean "depth"?',
            "call-arg",
        ),
        ConfigProblem("zzz", 'Unexpected keyword argument "zzz" for "Net"', "call-arg"),
    ]


def test_a_missing_key_is_reported_unless_default_args_has_it():
    reg = _registry("v_missing")

    @reg.register_module()
    class Net:
        def __init__(self, depth: int, params: list[int]) -> None:
            pass

    assert reg.validate({"type": "Net", "depth": 1}) == [
        ConfigProblem("", 'Missing named argument "params" for "Net"', "call-arg")
    ]
    assert reg.validate({"type": "Net", "depth": 1}, default_args={"params": [1]}) == []
    assert reg.validate({"depth": 1}, default_args={"type": "Net", "params": [1]}) == []


def test_default_args_values_are_the_builders_and_are_not_checked():
    reg = _registry("v_default_values")

    @reg.register_module()
    class Net:
        def __init__(self, depth: int) -> None:
            pass

    assert reg.validate({"type": "Net"}, default_args={"depth": OPAQUE}) == []
    assert reg.validate({"type": "Net"}, default_args={"depth": "not checked"}) == []


def test_a_value_of_the_wrong_type_is_reported_as_mypy_words_it():
    reg = _registry("v_types")

    @reg.register_module()
    class Net:
        def __init__(
            self,
            depth: int = 1,
            out: tuple[int, ...] = (),
            mode: Literal["a", "b"] = "a",
            ratios: list[float] | None = None,
        ) -> None:
            pass

    problems = reg.validate(
        {"type": "Net", "depth": "50", "out": [1, "2"], "mode": "c", "ratios": [1, "x"]}
    )
    assert [str(problem) for problem in problems] == [
        'depth: Argument "depth" to "Net" has incompatible type "str"; expected "int"  [arg-type]',
        (
            'out: Argument "out" to "Net" has incompatible type "list[int | str]"; expected '
            '"tuple[int, ...]"  [arg-type]'
        ),
        (
            'mode: Argument "mode" to "Net" has incompatible type "str"; expected '
            "\"Literal['a', 'b']\"  [arg-type]"
        ),
        (
            'ratios: Argument "ratios" to "Net" has incompatible type "list[int | str]"; expected '
            '"list[float] | None"  [arg-type]'
        ),
    ]
    assert reg.validate({"type": "Net", "depth": True, "ratios": [1, 2.5]}) == []


def test_a_list_from_a_format_without_tuples_is_accepted_for_a_tuple():
    reg = _registry("v_data_list")

    @reg.register_module()
    class Net:
        def __init__(self, out: tuple[int, ...], sizes: dict[str, tuple[int, int]]) -> None:
            pass

    cfg = {"type": "Net", "out": DataList([1, 2]), "sizes": {"a": DataList([1, 2])}}
    assert reg.validate(cfg) == []
    [problem] = reg.validate({"type": "Net", "out": DataList(["x"]), "sizes": {}})
    assert problem.path == "out"


def test_unknown_values_and_classes_named_by_the_config_are_never_checked():
    reg = _registry("v_opaque")

    @reg.register_module()
    class Net:
        def __init__(self, depth: int, parts: list[int]) -> None:
            pass

    cfg = {"type": "Net", "depth": OPAQUE, "parts": [1, NamedClass("x.Y")]}
    assert reg.validate(cfg) == []
    assert reg.validate({"type": OPAQUE, "anything": 1}) == []


def test_a_name_that_does_not_resolve_gets_the_runtimes_message():
    reg = _registry("v_name")

    @reg.register_module()
    class ResNet:
        pass

    [problem] = reg.validate({"type": "ResNte"})
    assert problem == ConfigProblem("type", str(reg.not_registered("ResNte")), "registry-name")
    assert "did you mean 'ResNet'?" in problem.message


def test_a_config_without_type_and_a_type_that_is_no_name_are_invalid():
    reg = _registry("v_invalid")
    assert reg.validate({"depth": 1}) == [
        ConfigProblem("", 'Invalid config: it has no "type"', "registry-config")
    ]
    invalid_type = 'Invalid config: "type" must be a registered name or a class'
    assert reg.validate({"type": 123}) == [ConfigProblem("type", invalid_type, "registry-config")]


def test_a_scope_that_is_no_scope_name_is_invalid():
    reg = _registry("v_bad_scope")
    message = 'Invalid config: "_scope_" must be a scope name (a string without ".") or None'
    for bad in (3, "a.b", ""):
        assert reg.validate({"type": "X", "_scope_": bad}) == [
            ConfigProblem("_scope_", message, "registry-config")
        ]


def test_scope_and_default_scope_decide_where_the_name_resolves_as_build_does():
    root = _registry("v_root")
    child = _registry("v_child", parent=root)

    @child.register_module()
    class Net:
        def __init__(self, depth: int) -> None:
            pass

    assert [p.code for p in root.validate({"type": "Net", "depth": 1})] == ["registry-name"]
    assert root.validate({"type": "Net", "depth": 1, "_scope_": "v_child"}) == []
    assert root.validate({"type": "Net", "depth": 1, "_scope_": "elsewhere"}) != []
    with default_scope("v_child"):
        assert root.validate({"type": "Net", "depth": 1}) == []
        assert root.validate({"type": "Net", "depth": 1, "_scope_": None}) != []
    assert root.validate({"type": "Net", "depth": 1, "_scope_": OPAQUE}) != []


def test_a_class_or_function_given_as_type_is_checked_directly():
    reg = _registry("v_direct")

    def make(size: int) -> object:
        return size

    assert [p.path for p in reg.validate({"type": make, "size": "1"})] == ["size"]
    assert reg.validate({"type": make, "size": 1}) == []


def test_a_registry_with_its_own_build_func_gets_its_names_checked_only():
    def build(cfg: Any, registry: Registry[Any], *args: Any, **kwargs: Any) -> object:
        return cfg

    reg: Registry[Any] = Registry("custom", scope="v_custom", build_func=build)

    @reg.register_module()
    class Net:
        def __init__(self, depth: int) -> None:
            pass

    assert reg.validate({"type": "Net", "unknown": 1}) == []
    assert [p.code for p in reg.validate({"type": "Nett"})] == ["registry-name"]


def test_what_a_signature_does_not_tell_is_not_reported():
    reg = _registry("v_loose")
    reg.register_module("builtin_dict", module=dict)

    @reg.register_module()
    def anything(**kwargs: Any) -> object:
        return kwargs

    @reg.register_module()
    def positional(x: int, /) -> object:
        return x

    assert reg.validate({"type": "builtin_dict", "x": 1}) == []
    assert reg.validate({"type": "anything", "x": 1, "y": "z"}) == []
    assert reg.validate({"type": "positional"}) == [
        ConfigProblem("", 'Missing named argument "x" for "positional"', "call-arg")
    ]


def test_a_partial_config_is_not_checked_for_missing_or_unknown_keys():
    reg = _registry("v_partial")

    @reg.register_module()
    class Net:
        def __init__(self, depth: int) -> None:
            pass

    assert reg.validate(PartialDict({"type": "Net", "other": 1})) == []
    assert [p.path for p in reg.validate(PartialDict({"type": "Net", "depth": "1"}))] == ["depth"]


def test_string_annotations_are_evaluated_and_unresolvable_ones_left_unchecked():
    reg = _registry("v_strings")
    namespace: dict[str, Any] = {}
    exec(
        "from __future__ import annotations\n"
        "class Net:\n"
        "    def __init__(self, depth: int, runner: Missing, odd: 3) -> None:\n"
        "        pass\n",
        namespace,
    )
    reg.register_module(module=namespace["Net"])
    problems = reg.validate({"type": "Net", "depth": "x", "runner": 1, "odd": 1})
    assert [p.path for p in problems] == ["depth"]


def test_the_config_is_never_modified():
    reg = _registry("v_pure")

    @reg.register_module()
    class Net:
        def __init__(self, depth: int, sub: dict[str, Any] | None = None) -> None:
            pass

    cfg = {"type": "Net", "depth": "1", "sub": {"type": "Net", "_scope_": "v_pure"}}
    before = repr(cfg)
    reg.validate(cfg, default_args={"depth": 2})
    assert repr(cfg) == before


def test_a_config_that_is_not_a_mapping_is_a_type_error():
    with pytest.raises(TypeError, match="cfg must be a mapping such as a dict, not list"):
        _registry("v_not_mapping").validate([])  # type: ignore[arg-type]


def test_a_location_that_fails_to_import_is_reported_at_the_type():
    reg: Registry[Any] = Registry("broken", scope="v_broken", locations=["no_such_module_xyz"])
    [problem] = reg.validate({"type": "Net"})
    assert problem.path == "type"
    assert "no_such_module_xyz" in problem.message


def test_partial_objects_are_read_through_inspect():
    reg = _registry("v_partial_object")
    reg.register_module("one_plus", module=functools.partial(complex, 1))
    assert reg.validate({"type": "one_plus", "imag": 2}) == []


def test_a_problem_prints_its_path_message_and_code():
    assert str(ConfigProblem("a.b", "wrong", "arg-type")) == "a.b: wrong  [arg-type]"
    assert str(ConfigProblem("", "wrong", "call-arg")) == "wrong  [call-arg]"


def test_configfor_in_a_union_names_the_registry():
    models = _registry("v_union_models")
    runners = _registry("v_union_runners")

    @models.register_module()
    class Net:
        def __init__(self, depth: int) -> None:
            pass

    @runners.register_module()
    class Runner:
        def __init__(
            self, model: Annotated[dict[str, Any], ConfigFor(models)] | None = None
        ) -> None:
            pass

    [problem] = runners.validate({"type": "Runner", "model": {"type": "Net", "depth": "1"}})
    assert problem.path == "model.depth"
