from __future__ import annotations

import functools
import re
import sys
from typing import Any

import pytest

from typed_registry import DuplicateNameError, Registry, RegistryError


def new_registry() -> Registry[Any]:
    return Registry("models", scope="root")


class Callable3:
    def __call__(self) -> int:
        return 3


# -- the forms of register_module ---------------------------------------------------------------


def test_the_decorator_returns_the_class_unchanged() -> None:
    reg = new_registry()

    class Plain:
        pass

    decorated = reg.register_module()(Plain)
    assert decorated is Plain
    assert reg.get("Plain") is Plain


def test_the_decorator_syntax_registers_under_the_class_name() -> None:
    reg = new_registry()

    @reg.register_module()
    class Net:
        pass

    assert reg.get("Net") is Net
    assert isinstance(Net, type)


def test_the_decorator_returns_the_function_unchanged() -> None:
    reg = new_registry()

    def make() -> int:
        return 1

    assert reg.register_module()(make) is make
    assert reg.get("make") is make


def test_a_direct_call_with_module_registers_and_returns_it() -> None:
    reg = new_registry()

    class Net:
        pass

    assert reg.register_module(module=Net) is Net
    assert reg.get("Net") is Net


def test_name_force_and_module_may_be_passed_positionally() -> None:
    reg = new_registry()

    def make() -> int:
        return 1

    assert reg.register_module("maker", False, make) is make
    assert reg.get("maker") is make


def test_a_given_name_replaces_the_objects_own_name() -> None:
    reg = new_registry()

    @reg.register_module(name="Renamed")
    class Original:
        pass

    assert reg.get("Renamed") is Original
    assert reg.get("Original") is None


def test_a_sequence_of_names_registers_aliases_of_the_same_object() -> None:
    reg = new_registry()

    @reg.register_module(name=["Detector", "Det"])
    class Detector:
        pass

    assert reg.get("Detector") is Detector
    assert reg.get("Det") is Detector
    assert list(reg) == ["Detector", "Det"]


def test_a_tuple_of_names_registers_aliases() -> None:
    reg = new_registry()

    def make() -> int:
        return 1

    reg.register_module(("one", "uno"), module=make)
    assert reg.get("one") is make
    assert reg.get("uno") is make


# -- what can be registered ---------------------------------------------------------------------


def test_a_lambda_without_a_name_raises_value_error() -> None:
    reg = new_registry()
    with pytest.raises(ValueError, match="a lambda has no name to register under"):
        reg.register_module(module=lambda: 1)
    assert len(reg) == 0


def test_a_lambda_with_a_name_is_registered() -> None:
    reg = new_registry()
    neg = reg.register_module("neg", module=lambda a: -a)
    assert reg.get("neg") is neg
    assert reg.build({"type": "neg", "a": 5}) == -5


def test_a_callable_instance_without_a_name_raises_type_error() -> None:
    reg = new_registry()
    with pytest.raises(TypeError, match="is not a class or function"):
        reg.register_module(module=Callable3())
    assert len(reg) == 0


def test_a_callable_instance_with_a_name_is_registered() -> None:
    reg = new_registry()
    three = Callable3()
    reg.register_module("three", module=three)
    assert reg.get("three") is three
    assert reg.build({"type": "three"}) == 3


def test_a_partial_without_a_name_raises_type_error() -> None:
    reg = new_registry()
    with pytest.raises(TypeError, match="is not a class or function"):
        reg.register_module(module=functools.partial(int, "7"))


def test_a_partial_with_a_name_is_registered() -> None:
    reg = new_registry()
    seven = functools.partial(int, "7")
    reg.register_module("seven", module=seven)
    assert reg.build({"type": "seven"}) == 7


def test_a_builtin_function_registers_under_its_name() -> None:
    reg = new_registry()
    reg.register_module(module=len)
    assert reg.get("len") is len


def test_a_builtin_class_registers_under_its_name() -> None:
    reg = new_registry()
    reg.register_module(module=complex)
    assert reg.build({"type": "complex", "real": 1, "imag": 2}) == 1 + 2j


def test_a_bound_method_registers_under_its_name() -> None:
    reg = new_registry()

    class Factory:
        def make(self) -> str:
            return "made"

    method = Factory().make
    reg.register_module(module=method)
    assert reg.get("make") is method
    assert reg.build({"type": "make"}) == "made"


def test_a_non_callable_raises_type_error_even_with_a_name() -> None:
    reg = new_registry()
    with pytest.raises(TypeError, match="only classes and functions can be registered"):
        reg.register_module("five", module=5)  # type: ignore[call-overload]
    assert len(reg) == 0


def test_a_non_callable_given_to_the_decorator_raises_type_error() -> None:
    reg = new_registry()
    decorator: Any = reg.register_module("value")
    with pytest.raises(TypeError, match="only classes and functions can be registered"):
        decorator("not callable")
    assert len(reg) == 0


def test_a_class_whose_name_has_a_dot_raises_value_error() -> None:
    reg = new_registry()
    dotted = type("a.b", (), {})
    with pytest.raises(ValueError, match="a registered name must be a non-empty string"):
        reg.register_module(module=dotted)


# -- which names are valid ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "a.b", "mmdet.ResNet", ".", "A."])
def test_an_empty_or_dotted_name_raises_value_error(name: str) -> None:
    reg = new_registry()
    with pytest.raises(ValueError, match="a registered name must be a non-empty string without"):
        reg.register_module(name, module=int)
    assert len(reg) == 0


def test_an_invalid_name_is_refused_by_the_decorator_factory_before_decorating() -> None:
    reg = new_registry()
    with pytest.raises(ValueError, match=re.escape("without '.'")):
        reg.register_module("a.b")


def test_an_invalid_alias_registers_none_of_the_aliases() -> None:
    reg = new_registry()
    with pytest.raises(ValueError, match=re.escape("without '.'")):
        reg.register_module(["good", "bad.name"], module=int)
    assert reg.get("good") is None


def test_a_non_string_name_raises_type_error() -> None:
    reg = new_registry()
    with pytest.raises(TypeError, match="name must be None, a string or a sequence of strings"):
        reg.register_module(3, module=int)  # type: ignore[call-overload]


def test_a_non_string_alias_raises_type_error() -> None:
    reg = new_registry()
    with pytest.raises(TypeError, match="a registered name must be a string, not int"):
        reg.register_module(["a", 3], module=int)  # type: ignore[list-item]
    assert len(reg) == 0


def test_an_empty_sequence_of_names_raises_value_error() -> None:
    reg = new_registry()
    with pytest.raises(ValueError, match="name is an empty sequence"):
        reg.register_module([], module=int)


def test_a_repeated_alias_raises_value_error() -> None:
    reg = new_registry()
    with pytest.raises(ValueError, match="name 'a' is given twice"):
        reg.register_module(["a", "b", "a"], module=int)
    assert len(reg) == 0


# -- MMCV 1.x's deprecated forms ------------------------------------------------------------


def test_a_class_passed_as_the_name_raises_type_error_and_registers_nothing() -> None:
    reg = new_registry()

    class Net:
        pass

    with pytest.raises(TypeError, match=re.escape("REG.register_module(module=Net)")):
        reg.register_module(Net)  # type: ignore[call-overload]
    assert len(reg) == 0


def test_the_decorator_without_parentheses_raises_type_error_naming_the_fix() -> None:
    reg = new_registry()
    with pytest.raises(TypeError, match=re.escape("write @REG.register_module() with parentheses")):

        @reg.register_module
        class Net:  # type: ignore[call-overload]
            pass

    assert len(reg) == 0


def test_a_function_under_the_decorator_without_parentheses_raises_type_error() -> None:
    reg = new_registry()
    with pytest.raises(TypeError, match=re.escape("REG.register_module(module=make)")):

        @reg.register_module  # type: ignore[call-overload]
        def make() -> int:
            return 1

    assert len(reg) == 0


# -- duplicates -----------------------------------------------------------------------------


def test_a_taken_name_raises_duplicate_name_error() -> None:
    reg = new_registry()
    reg.register_module("Net", module=int)
    with pytest.raises(DuplicateNameError):
        reg.register_module("Net", module=float)
    assert reg.get("Net") is int


def test_duplicate_name_error_is_a_key_error_and_a_registry_error() -> None:
    assert issubclass(DuplicateNameError, KeyError)
    assert issubclass(DuplicateNameError, RegistryError)


def test_duplicate_name_error_says_where_the_existing_entry_was_registered() -> None:
    reg = new_registry()
    line = sys._getframe().f_lineno + 1
    reg.register_module("Net", module=Callable3)
    with pytest.raises(DuplicateNameError) as info:
        reg.register_module("Net", module=int)
    assert f"{__name__}.Callable3, registered at {__name__}:{line}" in str(info.value)
    assert info.value.name == "Net"
    assert info.value.existing == f"{__name__}.Callable3, registered at {__name__}:{line}"


def test_duplicate_name_error_names_the_decorator_line_of_the_existing_entry() -> None:
    reg = new_registry()
    line = sys._getframe().f_lineno + 2

    @reg.register_module()
    class Net:
        pass

    with pytest.raises(DuplicateNameError, match=re.escape(f"registered at {__name__}:{line}")):
        reg.register_module("Net", module=int)


def test_a_taken_alias_registers_none_of_the_other_aliases() -> None:
    reg = new_registry()
    reg.register_module("taken", module=int)
    with pytest.raises(DuplicateNameError, match="'taken' is already registered"):
        reg.register_module(["fresh", "taken", "other"], module=float)
    assert list(reg) == ["taken"]
    assert reg.get("fresh") is None
    assert reg.get("other") is None


def test_a_taken_name_refused_by_the_decorator_returns_nothing_registered() -> None:
    reg = new_registry()
    reg.register_module("Net", module=int)
    decorator = reg.register_module("Net")
    with pytest.raises(DuplicateNameError):
        decorator(float)
    assert reg.get("Net") is int


def test_force_replaces_a_taken_name() -> None:
    reg = new_registry()
    reg.register_module("Net", module=int)
    reg.register_module("Net", force=True, module=float)
    assert reg.get("Net") is float
    assert len(reg) == 1


def test_force_replaces_only_the_given_aliases() -> None:
    reg = new_registry()
    reg.register_module(["a", "b"], module=int)
    reg.register_module(["b", "c"], force=True, module=float)
    assert dict(reg.module_dict) == {"a": int, "b": float, "c": float}


@pytest.mark.parametrize("force", ["no", "", 1, 0, None])
def test_a_force_that_is_not_a_bool_raises_type_error_and_registers_nothing(force: object) -> None:
    reg = new_registry()
    reg.register_module("Net", module=int)
    with pytest.raises(TypeError, match="force must be a boolean, but got "):
        reg.register_module("Net", force=force, module=float)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="force must be a boolean, but got "):
        reg.register_module("Other", force=force, module=float)  # type: ignore[call-overload]
    assert dict(reg.module_dict) == {"Net": int}


def test_a_force_that_is_not_a_bool_is_refused_by_the_decorator_factory() -> None:
    reg = new_registry()
    with pytest.raises(TypeError, match="force must be a boolean, but got str"):
        reg.register_module("Net", "yes")  # type: ignore[call-overload]
    assert len(reg) == 0


def test_force_on_a_free_name_just_registers() -> None:
    reg = new_registry()
    reg.register_module("Net", force=True, module=int)
    assert reg.get("Net") is int


def test_a_child_may_shadow_a_parents_name_without_force() -> None:
    root = new_registry()
    child = Registry("models", scope="child", parent=root)
    root.register_module("Net", module=int)
    child.register_module("Net", module=float)
    assert root.get("Net") is int
    assert child.get("Net") is float


def test_registering_the_same_object_twice_under_one_name_is_still_a_duplicate() -> None:
    reg = new_registry()
    reg.register_module("Net", module=int)
    with pytest.raises(DuplicateNameError):
        reg.register_module("Net", module=int)


def test_the_same_object_may_be_registered_under_several_names_in_several_calls() -> None:
    reg = new_registry()
    reg.register_module("a", module=int)
    reg.register_module("b", module=int)
    assert reg.get("a") is reg.get("b") is int
