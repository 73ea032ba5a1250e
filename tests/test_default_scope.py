from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest

from typed_registry import NotRegisteredError, Registry, build_from_cfg, default_scope
from typed_registry._scope import DEFAULT_SCOPE


def entry(name: str) -> type:
    return type(name, (), {})


@dataclass
class Tree:
    root: Registry[Any]
    det: Registry[Any]
    cls: Registry[Any]
    little: Registry[Any]


@pytest.fixture
def tree() -> Tree:
    """root 'mm' (Net, OnlyRoot) -> det (Net, OnlyDet) -> little (Net); root -> cls (Net)."""
    root = Registry("models", scope="mm")
    det = Registry("det_models", scope="det", parent=root)
    cls = Registry("cls_models", scope="cls", parent=root)
    little = Registry("little_models", scope="little", parent=det)
    for reg in (root, det, cls, little):
        reg.register_module("Net", module=entry(f"Net_{reg.scope}"))
    root.register_module(module=entry("OnlyRoot"))
    det.register_module(module=entry("OnlyDet"))
    return Tree(root, det, cls, little)


def built_name(reg: Registry[Any], cfg: dict[str, Any]) -> str:
    return type(reg.build(cfg)).__name__


# -- default_scope ------------------------------------------------------------------------


def test_without_a_default_scope_build_resolves_from_the_registry(tree: Tree) -> None:
    assert built_name(tree.root, {"type": "Net"}) == "Net_mm"


def test_default_scope_makes_build_resolve_from_the_registry_of_that_scope(tree: Tree) -> None:
    with default_scope("det"):
        assert built_name(tree.root, {"type": "Net"}) == "Net_det"
        assert built_name(tree.root, {"type": "OnlyDet"}) == "OnlyDet"


def test_default_scope_resolves_unscoped_names_up_from_that_registry(tree: Tree) -> None:
    with default_scope("little"):
        assert built_name(tree.root, {"type": "OnlyDet"}) == "OnlyDet"
        assert built_name(tree.cls, {"type": "OnlyRoot"}) == "OnlyRoot"


def test_default_scope_of_a_sibling_does_not_search_the_building_registry(tree: Tree) -> None:
    tree.cls.register_module(module=entry("OnlyCls"))
    with default_scope("det"):
        assert built_name(tree.cls, {"type": "Net"}) == "Net_det"
        with pytest.raises(NotRegisteredError):
            tree.cls.build({"type": "OnlyCls"})


def test_default_scope_of_an_empty_registry_resolves_from_that_registry() -> None:
    root = Registry("models", scope="mm")
    Registry("models", scope="empty", parent=root)
    cls = Registry("models", scope="cls", parent=root)
    root.register_module("Net", module=entry("RootNet"))
    cls.register_module("Net", module=entry("ClsNet"))
    with default_scope("empty"):
        # 'empty' has no Net, so the search goes on to its parent, never to cls.
        assert built_name(cls, {"type": "Net"}) == "RootNet"


def test_default_scope_outside_the_tree_falls_back_to_the_registry(tree: Tree) -> None:
    with default_scope("mmseg"):
        assert built_name(tree.det, {"type": "Net"}) == "Net_det"
        assert built_name(tree.cls, {"type": "OnlyRoot"}) == "OnlyRoot"


def test_default_scope_leaves_scoped_types_alone(tree: Tree) -> None:
    with default_scope("det"):
        assert built_name(tree.root, {"type": "cls.Net"}) == "Net_cls"
        assert built_name(tree.root, {"type": "mm.Net"}) == "Net_mm"


def test_default_scope_applies_to_build_from_cfg(tree: Tree) -> None:
    with default_scope("det"):
        assert type(build_from_cfg({"type": "Net"}, tree.root)).__name__ == "Net_det"


def test_default_scope_disables_the_cached_fast_path_of_build(tree: Tree) -> None:
    assert built_name(tree.root, {"type": "Net"}) == "Net_mm"
    assert tree.root.get("Net") is not None
    with default_scope("cls"):
        assert built_name(tree.root, {"type": "Net"}) == "Net_cls"
    assert built_name(tree.root, {"type": "Net"}) == "Net_mm"


def test_a_miss_under_default_scope_names_the_registry_of_that_scope(tree: Tree) -> None:
    with default_scope("det"), pytest.raises(NotRegisteredError) as info:
        tree.root.build({"type": "Missing"})
    assert info.value.registry_name == "det_models"
    assert info.value.scope == "det"
    assert "registry 'det_models' (scope 'det')" in str(info.value)


def test_get_getitem_and_in_ignore_default_scope(tree: Tree) -> None:
    with default_scope("det"):
        assert tree.root.get("Net") is tree.root.module_dict["Net"]
        assert tree.root["Net"] is tree.root.module_dict["Net"]
        assert "OnlyDet" not in tree.root
        assert tree.root.get("OnlyDet") is None


def test_default_scope_none_switches_it_off_inside_the_block(tree: Tree) -> None:
    with default_scope("det"):
        with default_scope(None):
            assert built_name(tree.root, {"type": "Net"}) == "Net_mm"
        assert built_name(tree.root, {"type": "Net"}) == "Net_det"


def test_nested_default_scopes_restore_the_outer_one_on_exit(tree: Tree) -> None:
    with default_scope("det"):
        with default_scope("cls"):
            assert built_name(tree.root, {"type": "Net"}) == "Net_cls"
        assert built_name(tree.root, {"type": "Net"}) == "Net_det"
    assert built_name(tree.root, {"type": "Net"}) == "Net_mm"
    assert DEFAULT_SCOPE.get() is None


def test_default_scope_is_restored_when_the_block_raises(tree: Tree) -> None:
    with pytest.raises(RuntimeError, match="boom"), default_scope("det"):
        raise RuntimeError("boom")
    assert built_name(tree.root, {"type": "Net"}) == "Net_mm"


def test_one_default_scope_object_can_be_entered_again_while_active(tree: Tree) -> None:
    det_scope = default_scope("det")
    with det_scope:
        with default_scope("cls"), det_scope:
            assert built_name(tree.root, {"type": "Net"}) == "Net_det"
        assert built_name(tree.root, {"type": "Net"}) == "Net_det"
    assert DEFAULT_SCOPE.get() is None


def test_a_default_scope_object_can_be_reused_after_exit(tree: Tree) -> None:
    det_scope = default_scope("det")
    with det_scope:
        pass
    with det_scope:
        assert built_name(tree.root, {"type": "Net"}) == "Net_det"


def test_default_scope_enter_returns_none() -> None:
    with default_scope("det") as value:
        assert value is None


def test_default_scope_of_a_non_string_raises_type_error() -> None:
    with pytest.raises(TypeError, match="scope must be a string, not int"):
        default_scope(3)  # type: ignore[arg-type]


@pytest.mark.parametrize("scope", ["", "a.b"])
def test_default_scope_of_an_empty_or_dotted_string_raises_value_error(scope: str) -> None:
    with pytest.raises(ValueError, match=re.escape("scope must be a non-empty string without '.'")):
        default_scope(scope)


# -- the _scope_ key --------------------------------------------------------------------------


def test_scope_key_makes_that_build_resolve_from_the_registry_of_that_scope(tree: Tree) -> None:
    assert built_name(tree.root, {"type": "Net", "_scope_": "cls"}) == "Net_cls"


def test_scope_key_is_not_passed_to_the_constructor(tree: Tree) -> None:
    def record(**kwargs: Any) -> dict[str, Any]:
        return kwargs

    tree.root.register_module(module=record)
    assert tree.root.build({"type": "record", "a": 1, "_scope_": "det"}) == {"a": 1}


def test_scope_key_applies_to_builds_made_inside_the_constructor(tree: Tree) -> None:
    class Wrapper:
        def __init__(self, inner: dict[str, Any]) -> None:
            self.inner = tree.root.build(inner)

    tree.root.register_module(module=Wrapper)
    wrapper = tree.root.build({"type": "Wrapper", "inner": {"type": "Net"}, "_scope_": "det"})
    assert type(wrapper).__name__ == "Wrapper"
    assert type(wrapper.inner).__name__ == "Net_det"


def test_scope_key_lasts_only_for_that_build(tree: Tree) -> None:
    built_name(tree.root, {"type": "Net", "_scope_": "det"})
    assert built_name(tree.root, {"type": "Net"}) == "Net_mm"
    assert DEFAULT_SCOPE.get() is None


def test_scope_key_is_reset_when_the_constructor_raises(tree: Tree) -> None:
    def fail() -> None:
        raise RuntimeError("boom")

    tree.root.register_module(module=fail)
    with pytest.raises(RuntimeError, match="boom"):
        tree.root.build({"type": "fail", "_scope_": "det"})
    assert DEFAULT_SCOPE.get() is None
    with default_scope("cls"):
        with pytest.raises(RuntimeError, match="boom"):
            tree.root.build({"type": "fail", "_scope_": "det"})
        assert DEFAULT_SCOPE.get() == "cls"


def test_scope_key_overrides_an_active_default_scope(tree: Tree) -> None:
    with default_scope("cls"):
        assert built_name(tree.root, {"type": "Net", "_scope_": "det"}) == "Net_det"
        assert built_name(tree.root, {"type": "Net"}) == "Net_cls"


def test_scope_key_none_switches_the_default_scope_off_for_that_build(tree: Tree) -> None:
    with default_scope("cls"):
        assert built_name(tree.root, {"type": "Net", "_scope_": None}) == "Net_mm"


def test_scope_key_outside_the_tree_falls_back_to_the_registry(tree: Tree) -> None:
    assert built_name(tree.det, {"type": "Net", "_scope_": "mmseg"}) == "Net_det"


def test_scope_key_may_come_from_default_args(tree: Tree) -> None:
    assert type(tree.root.build({"type": "Net"}, {"_scope_": "det"})).__name__ == "Net_det"


def test_scope_key_in_a_mapping_passed_to_build_from_cfg(tree: Tree) -> None:
    assert type(build_from_cfg({"type": "Net", "_scope_": "little"}, tree.cls)).__name__ == (
        "Net_little"
    )


def test_scope_key_of_a_non_string_raises_type_error(tree: Tree) -> None:
    with pytest.raises(TypeError, match="_scope_ must be a string, not int"):
        tree.root.build({"type": "Net", "_scope_": 3})


def test_scope_key_with_a_dot_raises_value_error(tree: Tree) -> None:
    with pytest.raises(ValueError, match=r"_scope_ must be a non-empty string without '\.', got"):
        tree.root.build({"type": "Net", "_scope_": "mm.det"})


def test_scope_key_does_not_change_get(tree: Tree) -> None:
    class Probe:
        def __init__(self) -> None:
            self.found = tree.root.get("Net")

    tree.root.register_module(module=Probe)
    probe = tree.root.build({"type": "Probe", "_scope_": "det"})
    assert probe.found is tree.root.module_dict["Net"]


def test_scope_key_of_an_empty_registry_resolves_from_that_registry() -> None:
    root = Registry("models", scope="mm")
    Registry("models", scope="empty", parent=root)
    cls = Registry("models", scope="cls", parent=root)
    root.register_module("Net", module=entry("RootNet"))
    cls.register_module("Net", module=entry("ClsNet"))
    assert built_name(cls, {"type": "Net", "_scope_": "empty"}) == "RootNet"
