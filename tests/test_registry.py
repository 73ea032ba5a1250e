from __future__ import annotations

import re
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from typed_registry import Registry, build_from_cfg

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import ModuleWriter


def create_in_module(module_name: str | None, source: str = "REG = Registry('things')") -> Any:
    namespace: dict[str, Any] = {"Registry": Registry}
    if module_name is not None:
        namespace["__name__"] = module_name
    exec(source, namespace)
    return namespace["REG"]


# -- construction -------------------------------------------------------------------------


def test_name_and_explicit_scope_are_kept() -> None:
    reg = Registry("models", scope="zoo")
    assert reg.name == "models"
    assert reg.scope == "zoo"


def test_a_new_registry_is_an_empty_root() -> None:
    reg = Registry("models", scope="zoo")
    assert reg.parent is None
    assert reg.root is reg
    assert dict(reg.children) == {}
    assert len(reg) == 0
    assert list(reg) == []
    assert reg.locations == ()


def test_scope_none_infers_the_top_level_package_of_the_creating_module() -> None:
    assert create_in_module("mmdet.models.builder").scope == "mmdet"


def test_scope_none_of_a_top_level_module_is_its_name() -> None:
    assert create_in_module("converters").scope == "converters"


def test_scope_none_in_this_test_module_is_its_top_level_package() -> None:
    assert Registry("things").scope == __name__.split(".", 1)[0]


def test_scope_none_in_a_script_is_main(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text("from typed_registry import Registry\nprint(Registry('things').scope)\n")
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True
    )
    assert result.stdout == "__main__\n"


def test_scope_none_in_code_run_as_main_is_main() -> None:
    assert create_in_module("__main__").scope == "__main__"


def test_scope_none_without_a_module_name_raises_value_error_asking_for_a_scope() -> None:
    with pytest.raises(ValueError, match=r"pass scope='\.\.\.' explicitly"):
        create_in_module(None)


def test_scope_none_with_an_empty_module_name_raises_value_error() -> None:
    with pytest.raises(ValueError, match="cannot infer the scope of this registry"):
        create_in_module("")


def test_scope_none_with_a_non_string_module_name_raises_value_error() -> None:
    namespace: dict[str, Any] = {"Registry": Registry, "__name__": 42}
    with pytest.raises(ValueError, match="cannot infer the scope of this registry"):
        exec("Registry('things')", namespace)


def test_scope_inference_skips_the_init_of_a_subclass_defined_in_a_library(
    write_module: ModuleWriter,
) -> None:
    write_module(
        "registrylib.custom",
        """
        from typed_registry import Registry

        class CustomRegistry(Registry):
            def __init__(self, name, **kwargs):
                self.extra = "set before super"
                super().__init__(name, **kwargs)
        """,
    )
    reg = create_in_module(
        "userproject.models",
        "from registrylib.custom import CustomRegistry\nREG = CustomRegistry('things')",
    )
    assert reg.scope == "userproject"


def test_scope_inference_skips_every_init_of_a_chain_of_subclasses(
    write_module: ModuleWriter,
) -> None:
    write_module(
        "registrylib.chain",
        """
        from typed_registry import Registry

        class Base(Registry):
            __slots__ = ()

            def __init__(self, name):
                super().__init__(name)

        class Derived(Base):
            __slots__ = ()

            def __init__(self):
                super().__init__("derived")
        """,
    )
    reg = create_in_module(
        "app.registries", "from registrylib.chain import Derived\nREG = Derived()"
    )
    assert reg.scope == "app"


def test_a_subclass_with_an_explicit_scope_keeps_it(write_module: ModuleWriter) -> None:
    write_module(
        "registrylib.explicit",
        """
        from typed_registry import Registry

        class Scoped(Registry):
            __slots__ = ()

            def __init__(self, name):
                super().__init__(name, scope="lib")
        """,
    )
    reg = create_in_module(
        "app.registries", "from registrylib.explicit import Scoped\nREG = Scoped('x')"
    )
    assert reg.scope == "lib"


@pytest.mark.parametrize("scope", ["", "a.b", ".", "a."])
def test_an_empty_or_dotted_scope_raises_value_error(scope: str) -> None:
    with pytest.raises(ValueError, match=re.escape("scope must be a non-empty string without '.'")):
        Registry("things", scope=scope)


def test_a_non_string_scope_raises_type_error() -> None:
    with pytest.raises(TypeError, match="scope must be a string, not int"):
        Registry("things", scope=3)  # type: ignore[arg-type]


def test_a_non_string_name_raises_type_error() -> None:
    with pytest.raises(TypeError, match="a registry's name must be a string, not int"):
        Registry(3, scope="s")  # type: ignore[arg-type]


def test_an_empty_name_raises_value_error() -> None:
    with pytest.raises(ValueError, match="a registry's name must be a non-empty string"):
        Registry("", scope="s")


def test_a_parent_that_is_not_a_registry_raises_type_error() -> None:
    with pytest.raises(TypeError, match="parent must be a Registry or None, not str"):
        Registry("things", parent="root", scope="s")  # type: ignore[arg-type]


def test_a_non_callable_build_func_raises_type_error() -> None:
    with pytest.raises(TypeError, match="build_func must be callable or None, not int"):
        Registry("things", build_func=3, scope="s")  # type: ignore[arg-type]


def test_the_name_is_only_a_label_and_may_repeat_in_a_tree() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    assert root.find_scope("child") is child


# -- scopes are unique within a tree ----------------------------------------------------------


def test_a_child_with_its_parents_scope_is_refused() -> None:
    root = Registry("models", scope="mm")
    with pytest.raises(ValueError, match="scope 'mm' is already used by registry 'models'"):
        Registry("det", scope="mm", parent=root)


def test_a_child_with_a_siblings_scope_is_refused() -> None:
    root = Registry("models", scope="root")
    Registry("det", scope="det", parent=root)
    other = Registry("cls", scope="cls", parent=root)
    with pytest.raises(ValueError, match="scope 'det' is already used by registry 'det'"):
        Registry("again", scope="det", parent=other)


def test_a_child_with_a_cousins_scope_is_refused() -> None:
    root = Registry("models", scope="root")
    left = Registry("left", scope="left", parent=root)
    right = Registry("right", scope="right", parent=root)
    Registry("leaf", scope="leaf", parent=left)
    with pytest.raises(ValueError, match="scope 'leaf' is already used"):
        Registry("leaf2", scope="leaf", parent=right)


def test_a_grandchild_with_the_roots_scope_is_refused() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    with pytest.raises(ValueError, match="scope 'root' is already used"):
        Registry("models", scope="root", parent=child)


def test_a_refused_child_leaves_the_tree_unchanged() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    with pytest.raises(ValueError, match="already used"):
        Registry("models", scope="child", parent=root)
    assert dict(root.children) == {"child": child}
    assert root.find_scope("child") is child


def test_separate_trees_may_reuse_a_scope() -> None:
    first = Registry("models", scope="mm")
    second = Registry("models", scope="mm")
    child = Registry("models", scope="det", parent=second)
    assert first.find_scope("det") is None
    assert second.find_scope("det") is child


def test_an_inferred_scope_clash_is_refused_too() -> None:
    root = Registry("models", scope=__name__.split(".", 1)[0])
    with pytest.raises(ValueError, match="already used"):
        Registry("models", parent=root)


# -- hierarchy ------------------------------------------------------------------------


def test_parent_root_and_children_describe_the_tree() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    grandchild = Registry("models", scope="grandchild", parent=child)
    assert child.parent is root
    assert grandchild.parent is child
    assert grandchild.root is root
    assert child.root is root
    assert dict(root.children) == {"child": child}
    assert dict(child.children) == {"grandchild": grandchild}


def test_children_is_a_read_only_mapping_by_scope() -> None:
    root = Registry("models", scope="root")
    Registry("models", scope="child", parent=root)
    children: Any = root.children
    with pytest.raises(TypeError):
        children["other"] = root


def test_children_reflects_children_added_later() -> None:
    root = Registry("models", scope="root")
    children = root.children
    child = Registry("models", scope="child", parent=root)
    assert children["child"] is child


def test_find_scope_finds_any_registry_of_the_tree_or_none() -> None:
    root = Registry("models", scope="root")
    left = Registry("models", scope="left", parent=root)
    right = Registry("models", scope="right", parent=root)
    leaf = Registry("models", scope="leaf", parent=left)
    for member in (root, left, right, leaf):
        assert member.find_scope("root") is root
        assert member.find_scope("leaf") is leaf
        assert member.find_scope("right") is right
        assert member.find_scope("nowhere") is None


# -- own entries ------------------------------------------------------------------------


def test_len_counts_own_entries_with_each_alias_once() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    root.register_module(["A", "AliasA"], module=type("A", (), {}))
    child.register_module(module=type("B", (), {}))
    assert len(root) == 2
    assert len(child) == 1


def test_iteration_yields_own_names_in_registration_order() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    root.register_module("z", module=type("Z", (), {}))
    root.register_module(["b", "a"], module=type("B", (), {}))
    child.register_module("c", module=type("C", (), {}))
    assert list(root) == ["z", "b", "a"]
    assert list(child) == ["c"]


def test_iteration_is_a_snapshot_unaffected_by_later_registrations() -> None:
    reg = Registry("models", scope="root")
    reg.register_module("a", module=type("A", (), {}))
    names = iter(reg)
    reg.register_module("b", module=type("B", (), {}))
    assert list(names) == ["a"]


def test_module_dict_maps_own_names_to_entries() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    a = type("A", (), {})
    root.register_module(["A", "AliasA"], module=a)
    assert dict(root.module_dict) == {"A": a, "AliasA": a}
    assert dict(child.module_dict) == {}


def test_module_dict_is_read_only() -> None:
    reg = Registry("models", scope="root")
    module_dict: Any = reg.module_dict
    with pytest.raises(TypeError):
        module_dict["A"] = int
    assert "A" not in reg


# -- build_func ---------------------------------------------------------------------------


def test_build_func_defaults_to_build_from_cfg() -> None:
    assert Registry("models", scope="root").build_func is build_from_cfg


def test_build_func_defaults_to_the_parents() -> None:
    def custom(cfg: Any, *args: Any, **kwargs: Any) -> Any:
        return cfg

    root = Registry("models", scope="root", build_func=custom)
    child = Registry("models", scope="child", parent=root)
    grandchild = Registry("models", scope="grandchild", parent=child)
    assert root.build_func is custom
    assert child.build_func is custom
    assert grandchild.build_func is custom


def test_an_explicit_build_func_overrides_the_parents() -> None:
    def parents(cfg: Any, *args: Any, **kwargs: Any) -> Any:
        return "parent"

    def own(cfg: Any, *args: Any, **kwargs: Any) -> Any:
        return "own"

    root = Registry("models", scope="root", build_func=parents)
    child = Registry("models", scope="child", parent=root, build_func=own)
    assert child.build_func is own
    assert child.build({}) == "own"


def test_locations_are_kept_as_a_tuple() -> None:
    reg = Registry("models", scope="root", locations=["a.b", "c"])
    assert reg.locations == ("a.b", "c")


def test_build_func_protocol_is_importable_from_the_package() -> None:
    from typed_registry import BuildFunc  # noqa: PLC0415
    from typed_registry._build_func import BuildFunc as Defined  # noqa: PLC0415

    assert BuildFunc is Defined
    assert BuildFunc.__name__ == "BuildFunc"


def test_an_unknown_package_attribute_is_an_attribute_error() -> None:
    import typed_registry  # noqa: PLC0415

    with pytest.raises(AttributeError, match="module 'typed_registry' has no attribute 'Nope'"):
        typed_registry.Nope  # noqa: B018


def test_importing_the_package_imports_neither_typing_nor_collections_abc() -> None:
    # Import time is a target (docs/performance.md): the runtime keeps typing out.
    code = (
        "import sys; import typed_registry; "
        "print('typing' in sys.modules, 'collections.abc' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
