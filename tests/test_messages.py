from __future__ import annotations

import functools
import re
import sys
from typing import Any

import pytest

from typed_registry import (
    DuplicateNameError,
    LocationImportError,
    MissingTypeError,
    NotRegisteredError,
    Registry,
    build_from_cfg,
    default_scope,
)

HINT = (
    " (if it is registered in a module that was never imported, "
    "list that module in the registry's locations=)"
)


def entry(name: str) -> type:
    return type(name, (), {})


class Net:
    pass


def models_tree() -> tuple[Registry[Any], Registry[Any], Registry[Any]]:
    root = Registry("models", scope="mm")
    det = Registry("det_models", scope="det", parent=root)
    cls = Registry("cls_models", scope="cls", parent=root)
    root.register_module(module=entry("Linear"))
    det.register_module(module=entry("Detector"))
    cls.register_module(module=entry("NetB"))
    return root, det, cls


def not_registered(reg: Registry[Any], key: str) -> NotRegisteredError:
    with pytest.raises(NotRegisteredError) as info:
        reg[key]
    return info.value


# -- NotRegisteredError -----------------------------------------------------------------------


def test_a_miss_without_close_names_names_the_registry_and_hints_at_locations() -> None:
    root, _, _ = models_tree()
    error = not_registered(root, "Zzzzzz")
    assert str(error) == (
        "'Zzzzzz' is not registered in registry 'models' (scope 'mm') or its parents" + HINT
    )


def test_not_registered_error_carries_key_registry_scope_and_suggestions() -> None:
    _, det, _ = models_tree()
    error = not_registered(det, "Detecter")
    assert error.key == "Detecter"
    assert error.registry_name == "det_models"
    assert error.scope == "det"
    assert error.suggestions == ("Detector",)
    assert error.args == (str(error),)


def test_a_miss_suggests_close_names_without_a_scoped_twin_that_reaches_the_same_entry() -> None:
    _, det, _ = models_tree()
    assert str(not_registered(det, "Detecter")) == (
        "'Detecter' is not registered in registry 'det_models' (scope 'det') or its parents; "
        "did you mean 'Detector'?" + HINT
    )


def test_a_miss_suggests_close_names_of_ancestors() -> None:
    _, det, _ = models_tree()
    assert not_registered(det, "Linaer").suggestions == ("Linear",)


def test_a_miss_suggests_the_scoped_form_of_a_shadowed_ancestor_name() -> None:
    _, det, _ = models_tree()
    det.register_module(module=entry("Linear"))
    assert not_registered(det, "Linaer").suggestions == ("Linear", "mm.Linear")


def test_a_miss_suggests_the_same_name_registered_under_another_scope_first() -> None:
    root, det, _ = models_tree()
    root.register_module(module=entry("NetC"))
    error = not_registered(det, "NetB")
    assert error.suggestions[0] == "cls.NetB"
    assert str(error) == (
        "'NetB' is not registered in registry 'det_models' (scope 'det') or its parents; "
        "did you mean 'cls.NetB' or 'NetC'?" + HINT
    )


def test_a_miss_suggests_a_name_found_in_a_child() -> None:
    root, _, _ = models_tree()
    assert not_registered(root, "Detector").suggestions[0] == "det.Detector"


def test_a_miss_offers_at_most_three_suggestions_joined_with_commas_and_or() -> None:
    reg = Registry("models", scope="mm")
    for name in ("Net1", "Net2", "Net3", "Net4"):
        reg.register_module(module=entry(name))
    error = not_registered(reg, "Net5")
    assert len(error.suggestions) == 3
    first, second, third = error.suggestions
    assert f"; did you mean {first!r}, {second!r} or {third!r}?" in str(error)


def test_a_miss_with_one_suggestion_quotes_it_alone() -> None:
    reg = Registry("models", scope="solo")
    reg.register_module(module=entry("ResNet"))
    error = not_registered(reg, "ResNat")
    assert error.suggestions == ("ResNet",)
    assert "; did you mean 'ResNet'? (" in str(error)


def test_a_miss_of_a_scoped_key_says_from_which_scope_it_searched() -> None:
    root, _, _ = models_tree()
    assert str(not_registered(root, "det.Zzzzzz")) == (
        "'det.Zzzzzz' is not registered in registry 'models' (scope 'mm') or its parents "
        "(searched from scope 'det')" + HINT
    )


def test_a_miss_of_a_key_with_the_registrys_own_scope_does_not_repeat_the_scope() -> None:
    root, _, _ = models_tree()
    assert str(not_registered(root, "mm.Zzzzzz")) == (
        "'mm.Zzzzzz' is not registered in registry 'models' (scope 'mm') or its parents" + HINT
    )


def test_a_miss_of_a_scoped_key_suggests_the_name_under_the_scope_that_has_it() -> None:
    root, _, _ = models_tree()
    assert not_registered(root, "det.NetB").suggestions[0] == "cls.NetB"


def test_an_unknown_scope_lists_the_known_scopes() -> None:
    root, _, _ = models_tree()
    error = not_registered(root, "seg.Linear")
    assert str(error) == (
        "'seg.Linear' is not registered: its scope 'seg' is not in the tree of registry "
        "'models' (scope 'mm'); known scopes: 'mm', 'det', 'cls'" + HINT
    )
    assert error.suggestions == ()


def test_an_unknown_scope_suggests_the_key_with_a_close_scope() -> None:
    root, _, _ = models_tree()
    error = not_registered(root, "dett.Detector")
    assert error.suggestions == ("det.Detector",)
    assert str(error) == (
        "'dett.Detector' is not registered: its scope 'dett' is not in the tree of registry "
        "'models' (scope 'mm'); known scopes: 'mm', 'det', 'cls'; "
        "did you mean 'det.Detector'?" + HINT
    )


def test_an_unknown_inner_scope_suggests_the_key_with_that_scope_corrected() -> None:
    root = Registry("models", scope="animal")
    hound = Registry("models", scope="hound", parent=root)
    little = Registry("models", scope="little", parent=hound)
    little.register_module(module=entry("LC"))
    error = not_registered(root, "hound.littel.LC")
    assert error.suggestions == ("hound.little.LC",)
    assert root.get(error.suggestions[0]) is little.get("LC")


def test_a_miss_of_a_build_names_the_registry_that_resolved_it() -> None:
    _, det, _ = models_tree()
    with pytest.raises(NotRegisteredError) as info:
        det.build({"type": "Detecter"})
    assert str(info.value) == str(not_registered(det, "Detecter"))


def test_a_miss_under_default_scope_names_the_registry_of_that_scope() -> None:
    root, _, _ = models_tree()
    with default_scope("cls"), pytest.raises(NotRegisteredError) as info:
        root.build({"type": "Zzzzzz"})
    assert str(info.value) == (
        "'Zzzzzz' is not registered in registry 'cls_models' (scope 'cls') or its parents" + HINT
    )


def test_a_miss_lists_the_registrys_locations_instead_of_the_hint() -> None:
    reg = Registry("models", scope="mm", locations=["json", "os.path"])
    assert str(not_registered(reg, "Zzzzzz")) == (
        "'Zzzzzz' is not registered in registry 'models' (scope 'mm') or its parents "
        "(imported locations: json, os.path)"
    )


def test_not_registered_error_str_is_the_message_not_a_quoted_key() -> None:
    reg = Registry("models", scope="mm")
    error = not_registered(reg, "X")
    assert str(error).startswith("'X' is not registered")
    assert repr(error).startswith("NotRegisteredError(")


def test_the_note_on_suggestions_skipped_for_a_broken_location() -> None:
    root = Registry("models", scope="mm")
    det = Registry("det_models", scope="det", parent=root)
    Registry("cls_models", scope="cls", parent=root, locations=["tr_missing_cls_location"])
    error = not_registered(det, "Detecter")
    assert str(error) == "'Detecter' is not registered in registry 'det_models' (scope 'det') " + (
        "or its parents" + HINT
    )
    assert error.__notes__ == [
        (
            "suggestions from registry 'cls_models' (scope 'cls') were skipped: its location "
            "'tr_missing_cls_location' failed to import (ModuleNotFoundError: No module named "
            "'tr_missing_cls_location')"
        )
    ]


# -- build ------------------------------------------------------------------------------------


def test_missing_type_message_names_the_registry_and_shows_the_cfg() -> None:
    reg = Registry("shapes", scope="geo")
    with pytest.raises(MissingTypeError) as info:
        reg.build({"x": 1})
    assert str(info.value) == (
        "cannot build with registry 'shapes': neither cfg nor default_args has a 'type' key "
        "(cfg: {'x': 1})"
    )


def test_a_non_mapping_cfg_message_names_its_type() -> None:
    reg = Registry("shapes", scope="geo")
    with pytest.raises(TypeError) as info:
        reg.build(["type", "Point"])  # type: ignore[arg-type]
    assert str(info.value) == "cfg must be a mapping such as a dict, not list"


def test_a_non_mapping_default_args_message_names_its_type() -> None:
    reg = Registry("shapes", scope="geo")
    with pytest.raises(TypeError) as info:
        build_from_cfg({"type": "Point"}, reg, ("x", 1))  # type: ignore[arg-type]
    assert str(info.value) == "default_args must be a mapping or None, not tuple"


def test_a_bad_type_message_shows_the_value() -> None:
    reg = Registry("shapes", scope="geo")
    with pytest.raises(TypeError) as info:
        reg.build({"type": 3})
    assert str(info.value) == (
        "cfg 'type' must be a registered name or a class or function, not int: 3"
    )


def test_the_registry_argument_messages() -> None:
    with pytest.raises(TypeError) as name_info:
        build_from_cfg({"type": "Point"}, "BACKBONES")  # type: ignore[arg-type]
    assert str(name_info.value) == (
        "registry must be a typed_registry.Registry, not str: 'BACKBONES' "
        "(pass the registry object itself, not its name)"
    )
    with pytest.raises(TypeError) as none_info:
        build_from_cfg({"type": "Point"}, None)  # type: ignore[arg-type]
    assert str(none_info.value) == "registry must be a typed_registry.Registry, not NoneType"


def test_the_build_failure_note_names_type_registry_and_scope() -> None:
    reg = Registry("shapes", scope="geo")

    def fail() -> None:
        raise ValueError("bad")

    reg.register_module(module=fail)
    with pytest.raises(ValueError, match="bad") as info:
        reg.build({"type": "fail"})
    assert info.value.__notes__ == ["while building 'fail' with registry 'shapes' (scope 'geo')"]


def test_the_scope_key_messages() -> None:
    reg = Registry("shapes", scope="geo")
    with pytest.raises(TypeError) as type_info:
        reg.build({"type": "X", "_scope_": 1})
    assert str(type_info.value) == "_scope_ must be a string, not int"
    with pytest.raises(ValueError) as value_info:  # noqa: PT011  # full text asserted below
        reg.build({"type": "X", "_scope_": "a.b"})
    assert str(value_info.value) == "_scope_ must be a non-empty string without '.', got 'a.b'"


# -- registration -----------------------------------------------------------------------------


def test_the_duplicate_name_message_says_what_holds_the_name_and_where() -> None:
    reg = Registry("models", scope="mm")
    line = sys._getframe().f_lineno + 1
    reg.register_module(module=Net)
    with pytest.raises(DuplicateNameError) as info:
        reg.register_module("Net", module=int)
    assert str(info.value) == (
        f"'Net' is already registered in registry 'models' (scope 'mm'): "
        f"{__name__}.Net, registered at {__name__}:{line}; pass force=True to replace it"
    )


def test_the_duplicate_name_message_falls_back_to_the_file_name_without_a_module_name() -> None:
    reg = Registry("models", scope="mm")
    exec("REG.register_module('Net', module=int)", {"REG": reg})
    with pytest.raises(DuplicateNameError) as info:
        reg.register_module("Net", module=float)
    assert info.value.existing == "builtins.int, registered at <string>:1"


def test_the_invalid_name_messages() -> None:
    reg = Registry("models", scope="mm")
    cases: list[tuple[object, type[Exception], str]] = [
        (3, TypeError, "name must be None, a string or a sequence of strings, not int"),
        (["a", 3], TypeError, "a registered name must be a string, not int"),
        ([], ValueError, "name is an empty sequence: give at least one name"),
        (["a", "a"], ValueError, "name 'a' is given twice"),
        (
            "a.b",
            ValueError,
            (
                "a registered name must be a non-empty string without '.', got 'a.b' "
                "(a dot separates a scope from a name in keys)"
            ),
        ),
        (
            "",
            ValueError,
            (
                "a registered name must be a non-empty string without '.', got '' "
                "(a dot separates a scope from a name in keys)"
            ),
        ),
    ]
    for name, error_type, message in cases:
        with pytest.raises(error_type) as info:
            reg.register_module(name, module=int)  # type: ignore[call-overload]
        assert str(info.value) == message


def test_the_unnamed_object_messages() -> None:
    reg = Registry("models", scope="mm")
    with pytest.raises(TypeError) as partial_info:
        reg.register_module(module=functools.partial(int, "7"))
    assert str(partial_info.value) == (
        "partial object functools.partial(<class 'int'>, '7') is not a class or function, "
        "so it has no name to register under; pass name='...'"
    )
    with pytest.raises(ValueError) as lambda_info:  # noqa: PT011  # full text asserted below
        reg.register_module(module=lambda: 0)
    assert str(lambda_info.value) == "a lambda has no name to register under; pass name='...'"


def test_the_force_message_names_the_type() -> None:
    reg = Registry("models", scope="mm")
    with pytest.raises(TypeError) as info:
        reg.register_module("X", force="no", module=Net)  # type: ignore[call-overload]
    assert str(info.value) == "force must be a boolean, but got str"


def test_the_object_as_name_messages_show_both_ways_to_register() -> None:
    reg = Registry("models", scope="mm")
    with pytest.raises(TypeError) as class_info:
        reg.register_module(Net)  # type: ignore[call-overload]
    assert str(class_info.value) == (
        f"register_module() takes names, not the class {__name__}.Net: write "
        "@REG.register_module() with parentheses, or REG.register_module(module=Net) "
        "(MMCV 1.x's register_module(Net) is not supported)"
    )
    with pytest.raises(TypeError) as function_info:
        reg.register_module(len)  # type: ignore[call-overload]
    assert str(function_info.value) == (
        "register_module() takes names, not the function builtins.len: write "
        "@REG.register_module() with parentheses, or REG.register_module(module=len) "
        "(MMCV 1.x's register_module(len) is not supported)"
    )
    with pytest.raises(TypeError) as callable_info:
        reg.register_module(functools.partial(int))  # type: ignore[call-overload]
    assert str(callable_info.value) == (
        "register_module() takes names, not partial object functools.partial(<class 'int'>): "
        "write @REG.register_module() with parentheses, or REG.register_module(module=obj) "
        "(MMCV 1.x's register_module(obj) is not supported)"
    )


def test_the_not_callable_message_describes_the_object() -> None:
    reg = Registry("models", scope="mm")
    with pytest.raises(TypeError) as info:
        reg.register_module("five", module=5)  # type: ignore[call-overload]
    assert str(info.value) == "only classes and functions can be registered, not int object 5"


# -- registries and keys ----------------------------------------------------------------------


def test_the_scope_clash_message_names_both_registries_and_the_tree() -> None:
    root = Registry("models", scope="mm")
    Registry("det_models", scope="det", parent=root)
    with pytest.raises(ValueError) as info:  # noqa: PT011  # full text asserted below
        Registry("other", scope="det", parent=root)
    assert str(info.value) == (
        "scope 'det' is already used by registry 'det_models' in this tree "
        "(root 'models', scope 'mm'); scopes must be unique within a tree"
    )


def test_the_constructor_argument_messages() -> None:
    cases: list[tuple[dict[str, Any], type[Exception], str]] = [
        ({"name": 1}, TypeError, "a registry's name must be a string, not int"),
        ({"name": ""}, ValueError, "a registry's name must be a non-empty string"),
        ({"name": "r", "parent": "p"}, TypeError, "parent must be a Registry or None, not str"),
        ({"name": "r", "build_func": 1}, TypeError, "build_func must be callable or None, not int"),
        ({"name": "r", "scope": 1}, TypeError, "scope must be a string, not int"),
        (
            {"name": "r", "scope": "a.b"},
            ValueError,
            "scope must be a non-empty string without '.', got 'a.b'",
        ),
        (
            {"name": "r", "scope": "s", "locations": "pkg"},
            TypeError,
            "locations must be a sequence of module names, not the string 'pkg'",
        ),
        (
            {"name": "r", "scope": "s", "locations": [1]},
            TypeError,
            "a location must be a module name string, not int",
        ),
        (
            {"name": "r", "scope": "s", "locations": ["a..b"]},
            ValueError,
            "location 'a..b' is not a dotted module name",
        ),
    ]
    for kwargs, error_type, message in cases:
        with pytest.raises(error_type) as info:
            Registry(**kwargs)
        assert str(info.value) == message


def test_the_scope_inference_message_asks_for_an_explicit_scope() -> None:
    with pytest.raises(ValueError) as info:  # noqa: PT011  # full text asserted below
        exec("Registry('things')", {"Registry": Registry})
    assert str(info.value) == (
        "cannot infer the scope of this registry: the module creating it has no __name__; "
        "pass scope='...' explicitly"
    )


def test_the_non_string_key_message_names_the_type() -> None:
    reg = Registry("models", scope="mm")
    with pytest.raises(TypeError) as info:
        reg.get(["X"])  # type: ignore[arg-type]
    assert str(info.value) == "registry keys are strings, not list"


def test_the_default_scope_messages() -> None:
    with pytest.raises(TypeError) as type_info:
        default_scope(1)  # type: ignore[arg-type]
    assert str(type_info.value) == "scope must be a string, not int"
    with pytest.raises(ValueError) as value_info:  # noqa: PT011  # full text asserted below
        default_scope("")
    assert str(value_info.value) == "scope must be a non-empty string without '.', got ''"


def test_the_location_import_message_names_registry_scope_location_and_cause() -> None:
    reg = Registry("models", scope="mm", locations=["tr_no_such_module"])
    with pytest.raises(LocationImportError) as info:
        reg.get("X")
    assert str(info.value) == (
        "registry 'models' (scope 'mm') could not import its location 'tr_no_such_module': "
        "ModuleNotFoundError: No module named 'tr_no_such_module'"
    )
    assert re.search("tr_no_such_module", repr(info.value))
