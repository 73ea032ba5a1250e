from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import pytest

from typed_registry import LocationImportError, NotRegisteredError, Registry, RegistryError

if TYPE_CHECKING:
    import types
    from collections.abc import Callable

    from conftest import ModuleWriter

# A location module: counts its imports and registers one class into tr_holder.REG.
REGISTERING = """
import tr_holder

tr_holder.count += 1


@tr_holder.REG.register_module()
class {name}:
    pass
"""


def registering(name: str = "Located") -> str:
    return REGISTERING.format(name=name)


def test_locations_are_not_imported_when_the_registry_is_created(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_lazy", registering())
    holder.REG = Registry("models", scope="root", locations=["loc_lazy"])
    assert holder.count == 0
    assert "loc_lazy" not in sys.modules


def test_locations_are_imported_before_the_first_lookup(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_first", registering())
    reg = holder.REG = Registry("models", scope="root", locations=["loc_first"])
    located = reg.get("Located")
    assert located is sys.modules["loc_first"].Located
    assert holder.count == 1


def test_locations_are_imported_only_once(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_once", registering())
    reg = holder.REG = Registry("models", scope="root", locations=["loc_once"])
    for _ in range(3):
        assert "Located" in reg
        assert reg.get("Missing") is None
    assert holder.count == 1


def test_locations_are_imported_once_even_if_the_module_is_removed_afterwards(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_removed", registering())
    reg = holder.REG = Registry("models", scope="root", locations=["loc_removed"])
    assert "Located" in reg
    del sys.modules["loc_removed"]
    assert "Located" in reg
    assert holder.count == 1


@pytest.mark.parametrize(
    "use",
    [
        pytest.param(lambda reg: reg.get("X"), id="get"),
        pytest.param(lambda reg: "X" in reg, id="in"),
        pytest.param(lambda reg: reg.get("root.X"), id="scoped-get"),
        pytest.param(len, id="len"),
        pytest.param(list, id="iter"),
        pytest.param(lambda reg: dict(reg.module_dict), id="module_dict"),
        pytest.param(lambda reg: reg.table(), id="table"),
        pytest.param(lambda reg: reg.build({"type": "Located"}), id="build"),
    ],
)
def test_every_read_of_the_registry_imports_its_locations_first(
    write_module: ModuleWriter, holder: types.ModuleType, use: Callable[[Any], object]
) -> None:
    write_module("loc_reads", registering())
    reg = holder.REG = Registry("models", scope="root", locations=["loc_reads"])
    use(reg)
    assert holder.count == 1
    assert reg.get("Located") is sys.modules["loc_reads"].Located


def test_getitem_imports_locations_first(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_getitem", registering())
    reg = holder.REG = Registry("models", scope="root", locations=["loc_getitem"])
    assert reg["Located"] is sys.modules["loc_getitem"].Located


def test_an_unscoped_lookup_walking_up_imports_the_ancestors_locations(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_root", registering("InRoot"))
    root = holder.REG = Registry("models", scope="root", locations=["loc_root"])
    middle = Registry("models", scope="middle", parent=root)
    leaf = Registry("models", scope="leaf", parent=middle)
    assert leaf.get("InRoot") is sys.modules["loc_root"].InRoot
    assert holder.count == 1


def test_a_lookup_that_hits_in_the_child_imports_the_parents_locations_first(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    # The parent's location could register into the child (with force=True, replacing
    # "Own"): it is imported before the child answers, though the child has the name.
    write_module("loc_parent_first", "import tr_holder\ntr_holder.count += 1\n")
    root = holder.REG = Registry("models", scope="root", locations=["loc_parent_first"])
    child = Registry("models", scope="child", parent=root)
    child.register_module("Own", module=int)
    assert child.get("Own") is int
    assert holder.count == 1


def test_a_child_location_registers_into_the_child_on_the_childs_lookup(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_child", registering("Shadow"))
    root = Registry("models", scope="root")
    root.register_module("Shadow", module=int)
    child = holder.REG = Registry("models", scope="child", parent=root, locations=["loc_child"])
    assert child.get("Shadow") is sys.modules["loc_child"].Shadow
    assert root.get("Shadow") is int


def test_a_lookup_imports_the_locations_of_every_registry_of_the_tree(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    # The sibling's location registers into the target: found by the first lookup.
    write_module("loc_target", registering("Target"))
    write_module("loc_sibling", registering("FromSibling"))
    root = Registry("models", scope="root")
    holder.REG = Registry("models", scope="target", parent=root, locations=["loc_target"])
    Registry("models", scope="sibling", parent=root, locations=["loc_sibling"])
    assert root.get("target.FromSibling") is sys.modules["loc_sibling"].FromSibling
    assert holder.count == 2


def test_several_locations_are_imported_in_order(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    holder.order = []
    write_module("loc_one", "import tr_holder\ntr_holder.order.append('one')\n")
    write_module("loc_two", "import tr_holder\ntr_holder.order.append('two')\n")
    reg = Registry("models", scope="root", locations=["loc_two", "loc_one"])
    assert len(reg) == 0
    assert holder.order == ["two", "one"]


def test_a_location_may_be_a_submodule_of_a_package(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_pkg.models.nets", registering("Deep"))
    reg = holder.REG = Registry("models", scope="root", locations=["loc_pkg.models.nets"])
    assert "Deep" in reg


# -- failures -------------------------------------------------------------------------------


def test_a_missing_location_raises_location_import_error() -> None:
    reg = Registry("models", scope="root", locations=["loc_does_not_exist"])
    with pytest.raises(LocationImportError) as info:
        reg.get("X")
    error = info.value
    assert isinstance(error, ImportError)
    assert isinstance(error, RegistryError)
    assert error.location == "loc_does_not_exist"
    assert error.name == "loc_does_not_exist"
    assert error.registry_name == "models"
    assert type(error.__cause__) is ModuleNotFoundError


def test_a_location_that_raises_is_reported_with_the_original_error_as_cause(
    write_module: ModuleWriter,
) -> None:
    write_module("loc_raises", "raise RuntimeError('broken location')\n")
    reg = Registry("models", scope="root", locations=["loc_raises"])
    with pytest.raises(LocationImportError, match="RuntimeError: broken location") as info:
        "X" in reg  # noqa: B015
    assert type(info.value.__cause__) is RuntimeError
    assert str(info.value.__cause__) == "broken location"


def test_a_failing_location_is_retried_on_the_next_lookup(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module(
        "loc_flaky",
        """
        import tr_holder

        tr_holder.count += 1
        if tr_holder.count == 1:
            raise RuntimeError("first import fails")


        @tr_holder.REG.register_module()
        class Located:
            pass
        """,
    )
    reg = holder.REG = Registry("models", scope="root", locations=["loc_flaky"])
    with pytest.raises(LocationImportError, match="first import fails"):
        reg.get("Located")
    assert "loc_flaky" not in sys.modules
    assert reg.get("Located") is sys.modules["loc_flaky"].Located
    assert holder.count == 2
    assert reg.get("Located") is not None
    assert holder.count == 2


def test_a_failing_location_keeps_failing_until_it_is_fixed(
    write_module: ModuleWriter,
) -> None:
    reg = Registry("models", scope="root", locations=["loc_fixed_later"])
    for _ in range(2):
        with pytest.raises(LocationImportError):
            reg.get("X")
    write_module("loc_fixed_later", "FIXED = True\n")
    assert reg.get("X") is None
    assert sys.modules["loc_fixed_later"].FIXED


def test_a_module_a_failed_location_imported_from_its_package_runs_again_next_time(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    # The location imports a sibling (``from pkg import ...``) that registers X, then
    # registers X again itself: the attempt fails and is undone, the sibling with it, and
    # its name in the package too, so the next attempt runs it again and fails the same way.
    write_module("tr_pkg.sibling", registering("X"))
    write_module("tr_pkg.location", "from tr_pkg import sibling\n" + registering("X"))
    reg = holder.REG = Registry("models", scope="root", locations=["tr_pkg.location"])
    for attempt in range(2):
        with pytest.raises(LocationImportError, match="'X' is already registered"):
            reg.get("X")
        assert "tr_pkg.sibling" not in sys.modules
        assert not hasattr(sys.modules["tr_pkg"], "sibling")
        assert holder.count == 2 * (attempt + 1)  # the sibling and the location, each time
    # A top-level module the attempt ran, and one whose package no longer names it.
    write_module("tr_top", registering("Y"))
    write_module("tr_pkg.unbound", registering("Z"))
    write_module(
        "tr_pkg.failing",
        "import tr_pkg.unbound\nimport tr_top\n"
        "import tr_pkg\ndel tr_pkg.unbound\nraise RuntimeError('no')\n",
    )
    other = Registry("other", scope="other", locations=["tr_pkg.failing"])
    holder.REG = other
    with pytest.raises(LocationImportError, match="no"):
        other.get("Y")
    assert "tr_top" not in sys.modules
    assert "tr_pkg.unbound" not in sys.modules


def test_a_failing_ancestor_location_fails_a_lookup_that_walks_up() -> None:
    root = Registry("models", scope="root", locations=["loc_missing_root"])
    child = Registry("models", scope="child", parent=root)
    child.register_module("Own", module=int)
    assert child.get("Own") is int
    with pytest.raises(LocationImportError, match="loc_missing_root"):
        child.get("Other")


def test_len_raises_location_import_error_too() -> None:
    reg = Registry("models", scope="root", locations=["loc_missing_len"])
    with pytest.raises(LocationImportError):
        len(reg)


# -- a broken location off the lookup path --------------------------------------------------


def tree_with_a_broken_sibling(location: str = "loc_broken_sibling") -> Registry[Any]:
    """A root with children 'a' (which has NetA) and 'b', whose location fails to import."""
    root = Registry("models", scope="root")
    a = Registry("a_models", scope="a", parent=root)
    Registry("b_models", scope="b", parent=root, locations=[location])
    a.register_module("NetA", module=int)
    return a


def test_a_miss_is_not_registered_error_even_if_a_siblings_location_is_broken() -> None:
    a = tree_with_a_broken_sibling()
    with pytest.raises(NotRegisteredError) as info:
        a["NetB"]
    assert info.value.suggestions == ("NetA",)
    assert len(info.value.__notes__) == 1  # its text: test_messages.py


def test_a_miss_with_a_broken_sibling_is_caught_by_except_key_error() -> None:
    a = tree_with_a_broken_sibling()
    with pytest.raises(KeyError):
        a["NetB"]
    with pytest.raises(KeyError):
        a.build({"type": "NetB"})
    assert "NetB" not in a
    assert a.get("NetB") is None


def test_a_miss_of_an_unknown_scope_is_not_registered_error_if_its_fix_is_broken() -> None:
    # 'bb' respelled as 'b' would need b's entries: b's location fails, so no suggestion.
    a = tree_with_a_broken_sibling()
    with pytest.raises(NotRegisteredError) as info:
        a["bb.NetA"]
    assert info.value.suggestions == ()
    assert len(info.value.__notes__) == 1


def test_a_broken_sibling_location_is_tried_once_per_miss(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_counted_failure", "import tr_holder\ntr_holder.count += 1\n1 / 0\n")
    a = tree_with_a_broken_sibling("loc_counted_failure")
    with pytest.raises(NotRegisteredError) as info:
        a["NetAA"]
    assert info.value.__notes__ == [
        (
            "suggestions from registry 'b_models' (scope 'b') were skipped: its location "
            "'loc_counted_failure' failed to import (ZeroDivisionError: division by zero)"
        )
    ]
    assert holder.count == 1


def test_a_broken_sibling_location_stays_pending_and_raises_on_its_own_lookups(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    a = tree_with_a_broken_sibling("loc_sibling_fixed_later")
    with pytest.raises(NotRegisteredError):
        a["NetB"]
    b = a.find_scope("b")
    assert b is not None
    with pytest.raises(LocationImportError):
        b.get("NetB")
    holder.REG = b
    write_module("loc_sibling_fixed_later", registering("NetB"))
    with pytest.raises(NotRegisteredError) as info:
        a["NetB"]
    assert info.value.suggestions == ("b.NetB", "NetA")
    assert not hasattr(info.value, "__notes__")
    assert b.get("NetB") is sys.modules["loc_sibling_fixed_later"].NetB
    assert holder.count == 1


def test_a_broken_location_on_the_lookup_path_still_fails_the_lookup() -> None:
    root = Registry("models", scope="root", locations=["loc_broken_on_path"])
    a = Registry("a_models", scope="a", parent=root)
    with pytest.raises(LocationImportError):
        a["NetB"]


# -- a location that looks itself up while being imported ---------------------------------------


def test_a_location_looking_up_its_own_registry_sees_what_is_registered_so_far(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module(
        "loc_self_lookup",
        """
        import tr_holder

        REG = tr_holder.REG


        @REG.register_module()
        class First:
            pass


        SEEN_FIRST = REG.get("First")
        SEEN_SECOND_BEFORE = "Second" in REG
        SIZE = len(REG)


        @REG.register_module()
        class Second:
            pass
        """,
    )
    reg = holder.REG = Registry("models", scope="root", locations=["loc_self_lookup"])
    assert "Second" in reg
    module = sys.modules["loc_self_lookup"]
    assert module.SEEN_FIRST is module.First
    assert module.SEEN_SECOND_BEFORE is False
    assert module.SIZE == 1
    assert reg.get("First") is module.First


def test_a_location_building_from_its_own_registry_while_imported_works(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module(
        "loc_self_build",
        """
        import tr_holder

        REG = tr_holder.REG


        @REG.register_module()
        class Part:
            pass


        DEFAULT_PART = REG.build({"type": "Part"})
        """,
    )
    reg = holder.REG = Registry("models", scope="root", locations=["loc_self_build"])
    assert reg.get("Part") is not None
    module = sys.modules["loc_self_build"]
    assert type(module.DEFAULT_PART) is module.Part


def test_a_miss_during_the_location_import_is_not_cached(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module(
        "loc_late_name",
        """
        import tr_holder

        REG = tr_holder.REG
        EARLY = REG.get("Late")


        @REG.register_module()
        class Late:
            pass
        """,
    )
    reg = holder.REG = Registry("models", scope="root", locations=["loc_late_name"])
    assert reg.get("Late") is sys.modules["loc_late_name"].Late
    assert sys.modules["loc_late_name"].EARLY is None


# -- validation -----------------------------------------------------------------------------


def test_locations_given_as_a_string_raise_type_error() -> None:
    with pytest.raises(TypeError, match="locations must be a sequence of module names"):
        Registry("models", scope="root", locations="pkg.models")


def test_a_non_string_location_raises_type_error() -> None:
    with pytest.raises(TypeError, match="a location must be a module name string, not int"):
        Registry("models", scope="root", locations=["ok", 3])  # type: ignore[list-item]


@pytest.mark.parametrize("location", ["", "a..b", ".relative", "a-b", "a.1b", "a.b."])
def test_a_location_that_is_not_a_dotted_module_name_raises_value_error(location: str) -> None:
    with pytest.raises(ValueError, match="is not a dotted module name"):
        Registry("models", scope="root", locations=[location])


def test_an_invalid_location_leaves_the_tree_unchanged() -> None:
    root = Registry("models", scope="root")
    with pytest.raises(ValueError, match="is not a dotted module name"):
        Registry("models", scope="child", parent=root, locations=["bad name"])
    assert dict(root.children) == {}
    Registry("models", scope="child", parent=root)


def test_a_miss_lists_the_imported_locations(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_listed", registering())
    reg = holder.REG = Registry("models", scope="root", locations=["loc_listed"])
    with pytest.raises(NotRegisteredError, match=r"\(imported locations: loc_listed\)$"):
        reg["Missing"]


def test_a_lookup_made_by_a_location_does_not_import_the_other_locations_early(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    holder.order = []
    write_module(
        "loc_first_of_two",
        """
        import tr_holder

        tr_holder.order.append("first starts")
        tr_holder.REG.get("Anything")
        tr_holder.order.append("first looked up")
        """,
    )
    write_module("loc_second_of_two", "import tr_holder\ntr_holder.order.append('second')\n")
    reg = holder.REG = Registry(
        "models", scope="root", locations=["loc_first_of_two", "loc_second_of_two"]
    )
    assert reg.get("Anything") is None
    assert holder.order == ["first starts", "first looked up", "second"]


def test_a_shadow_registered_by_an_ancestors_location_during_a_lookup_is_seen_next_time(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    # The parent's location also registers into the child: the lookup that imported it
    # found the parent's entry, which must not be remembered as the child's answer.
    write_module(
        "loc_registers_below",
        """
        import tr_holder


        @tr_holder.REG.register_module(name="Net")
        class ChildNet:
            pass


        @tr_holder.REG.parent.register_module(name="Net")
        class ParentNet:
            pass
        """,
    )
    root = Registry("models", scope="root", locations=["loc_registers_below"])
    child = holder.REG = Registry("models", scope="child", parent=root)
    module_name = "loc_registers_below"
    child.get("Net")  # imports the parent's location on the way up
    assert child.get("Net") is sys.modules[module_name].ChildNet
    assert child.get("Net") is sys.modules[module_name].ChildNet


# A location that creates a child registry of tr_holder.REG and registers into it.
CREATES_CHILD = """
import tr_holder
from typed_registry import Registry

tr_holder.count += 1
CHILD = Registry("models", scope="made", parent=tr_holder.REG)


@CHILD.register_module()
class Made:
    pass
"""


def test_a_scoped_key_imports_the_locations_that_create_its_scope(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_creates_child", CREATES_CHILD)
    reg = holder.REG = Registry("models", scope="root", locations=["loc_creates_child"])
    assert reg.get("made.Made") is sys.modules["loc_creates_child"].Made
    assert holder.count == 1


def test_a_scope_still_unknown_after_the_locations_is_a_miss(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_creates_other", CREATES_CHILD)
    reg = holder.REG = Registry("models", scope="root", locations=["loc_creates_other"])
    assert reg.get("nowhere.Made") is None
    assert holder.count == 1
    with pytest.raises(NotRegisteredError, match="nowhere"):
        reg["nowhere.Made"]


def test_the_first_lookup_finds_what_a_parents_location_registers_into_a_child(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    # The example of the issue: ROOT's location registers A into CHILD.
    write_module("loc_into_child.models.a", registering("A"))
    write_module("loc_into_child.models.__init__", "from . import a\n")
    root = Registry("models", scope="root", locations=["loc_into_child.models"])
    child = holder.REG = Registry("models", scope="child", parent=root)
    assert child.get("A") is sys.modules["loc_into_child.models.a"].A
    assert root.get("child.A") is child.get("A")


def test_a_broken_location_where_a_suggestion_looks_for_a_scope_is_noted_not_raised(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_broken_scope", "raise RuntimeError('broken')\n")
    root = Registry("models", scope="root")
    holder.REG = Registry("models", scope="kid", parent=root, locations=["loc_broken_scope"])
    # "kd" is unknown (a miss); its fix "kid.x.K" looks for scope "x" from "kid", whose
    # location is broken: the miss stays a NotRegisteredError, with a note saying why.
    with pytest.raises(NotRegisteredError) as caught:
        root["kd.x.K"]
    assert any("loc_broken_scope" in note for note in caught.value.__notes__)


def test_a_broken_location_of_the_registry_a_scope_is_looked_up_from_fails_the_lookup(
    write_module: ModuleWriter, holder: types.ModuleType
) -> None:
    write_module("loc_broken_start", "raise RuntimeError('broken')\n")
    holder.REG = Registry("models", scope="root", locations=["loc_broken_start"])
    with pytest.raises(LocationImportError, match="loc_broken_start"):
        holder.REG.get("unknown.K")
