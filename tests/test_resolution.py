from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from typed_registry import NotRegisteredError, Registry, _resolution
from typed_registry._registry import _VIEW

if TYPE_CHECKING:
    from conftest import ModuleWriter


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
    """root 'mm' (A, Shared) -> det (Detector, Shared) -> little (LC); root -> cls (NetB)."""
    root = Registry("models", scope="mm")
    det = Registry("models", scope="det", parent=root)
    cls = Registry("models", scope="cls", parent=root)
    little = Registry("models", scope="little", parent=det)
    root.register_module(module=entry("A"))
    root.register_module(module=entry("Shared"))
    det.register_module(module=entry("Detector"))
    det.register_module(module=entry("Shared"))
    cls.register_module(module=entry("NetB"))
    little.register_module(module=entry("LC"))
    return Tree(root, det, cls, little)


def own(reg: Registry[Any], name: str) -> Any:
    return reg.module_dict[name]


# -- unscoped keys: self, then ancestors ----------------------------------------------------


def test_an_unscoped_key_resolves_in_the_registry_itself(tree: Tree) -> None:
    assert tree.det.get("Detector") is own(tree.det, "Detector")


def test_an_unscoped_key_falls_back_to_the_parent(tree: Tree) -> None:
    assert tree.det.get("A") is own(tree.root, "A")


def test_an_unscoped_key_falls_back_up_to_the_root(tree: Tree) -> None:
    assert tree.little.get("A") is own(tree.root, "A")
    assert tree.little.get("Detector") is own(tree.det, "Detector")


def test_the_nearest_registry_wins_so_a_child_shadows_its_parent(tree: Tree) -> None:
    assert tree.det.get("Shared") is own(tree.det, "Shared")
    assert tree.little.get("Shared") is own(tree.det, "Shared")
    assert tree.root.get("Shared") is own(tree.root, "Shared")
    assert tree.cls.get("Shared") is own(tree.root, "Shared")


def test_an_unscoped_key_never_searches_children(tree: Tree) -> None:
    assert tree.root.get("Detector") is None
    assert tree.root.get("LC") is None
    assert tree.det.get("LC") is None


def test_an_unscoped_key_never_searches_siblings(tree: Tree) -> None:
    assert tree.det.get("NetB") is None
    assert tree.cls.get("Detector") is None


def test_get_returns_none_for_an_unknown_name(tree: Tree) -> None:
    assert tree.root.get("Missing") is None


# -- scoped keys: the registry with that scope anywhere in the tree ---------------------------


def test_a_scoped_key_reaches_a_child(tree: Tree) -> None:
    assert tree.root.get("det.Detector") is own(tree.det, "Detector")


def test_a_scoped_key_reaches_a_grandchild_by_its_bare_scope(tree: Tree) -> None:
    assert tree.root.get("little.LC") is own(tree.little, "LC")


def test_a_scoped_key_reaches_the_parent_and_the_root(tree: Tree) -> None:
    assert tree.little.get("det.Detector") is own(tree.det, "Detector")
    assert tree.little.get("mm.A") is own(tree.root, "A")


def test_a_scoped_key_reaches_a_sibling(tree: Tree) -> None:
    assert tree.det.get("cls.NetB") is own(tree.cls, "NetB")
    assert tree.cls.get("det.Detector") is own(tree.det, "Detector")


def test_a_scoped_key_reaches_a_cousin(tree: Tree) -> None:
    assert tree.cls.get("little.LC") is own(tree.little, "LC")
    assert tree.little.get("cls.NetB") is own(tree.cls, "NetB")


def test_a_key_with_the_registrys_own_scope_resolves_from_itself(tree: Tree) -> None:
    assert tree.det.get("det.Detector") is own(tree.det, "Detector")


def test_a_scoped_key_resolves_the_rest_from_that_registry_walking_up(tree: Tree) -> None:
    assert tree.root.get("little.A") is own(tree.root, "A")
    assert tree.root.get("little.Shared") is own(tree.det, "Shared")
    assert tree.cls.get("det.A") is own(tree.root, "A")


def test_a_scoped_key_ignores_shadows_below_that_registry(tree: Tree) -> None:
    assert tree.det.get("mm.Shared") is own(tree.root, "Shared")


def test_a_scoped_key_never_searches_that_registrys_children(tree: Tree) -> None:
    assert tree.root.get("mm.Detector") is None
    assert tree.little.get("mm.LC") is None


def test_chained_scopes_resolve_from_each_scope_in_turn(tree: Tree) -> None:
    assert tree.root.get("det.little.LC") is own(tree.little, "LC")
    assert tree.cls.get("mm.det.little.LC") is own(tree.little, "LC")


def test_an_unknown_scope_is_a_miss(tree: Tree) -> None:
    assert tree.root.get("mmseg.A") is None
    assert "mmseg.A" not in tree.root


def test_an_unknown_scope_in_a_chain_is_a_miss(tree: Tree) -> None:
    assert tree.root.get("det.nowhere.LC") is None


def test_a_scope_of_another_tree_is_a_miss(tree: Tree) -> None:
    other = Registry("models", scope="other")
    other.register_module(module=entry("O"))
    assert tree.root.get("other.O") is None
    assert other.get("mm.A") is None


@pytest.mark.parametrize("key", ["", ".", ".A", "A.", "mm.", "..A", "mm..A"])
def test_keys_with_empty_parts_are_misses(tree: Tree, key: str) -> None:
    assert tree.root.get(key) is None
    assert key not in tree.root


# -- the invariant -------------------------------------------------------------------------------


def test_every_registrys_names_resolve_the_same_with_its_scope_from_anywhere(tree: Tree) -> None:
    members = [tree.root, tree.det, tree.cls, tree.little]
    names = ["A", "Shared", "Detector", "NetB", "LC", "Missing"]
    for member in members:
        for name in names:
            expected = member.get(name)
            for start in members:
                assert start.get(f"{member.scope}.{name}") is expected


# -- [] and in -----------------------------------------------------------------------------------


def test_getitem_returns_the_resolved_entry(tree: Tree) -> None:
    assert tree.det["A"] is own(tree.root, "A")
    assert tree.root["little.LC"] is own(tree.little, "LC")


def test_getitem_of_a_miss_raises_not_registered_error(tree: Tree) -> None:
    with pytest.raises(NotRegisteredError):
        tree.root["Detector"]


def test_getitem_of_an_unknown_scope_raises_not_registered_error(tree: Tree) -> None:
    with pytest.raises(NotRegisteredError):
        tree.root["nowhere.A"]


def test_not_registered_error_is_a_key_error() -> None:
    assert issubclass(NotRegisteredError, KeyError)


def test_in_tells_whether_a_key_resolves(tree: Tree) -> None:
    assert "A" in tree.little
    assert "little.LC" in tree.cls
    assert "LC" not in tree.root
    assert "NetB" not in tree.det


# -- non-string keys -----------------------------------------------------------------------------


@pytest.mark.parametrize("key", [1, None, b"A", ("mm", "A")])
def test_a_non_string_key_raises_type_error(tree: Tree, key: object) -> None:
    with pytest.raises(TypeError, match=f"registry keys are strings, not {type(key).__name__}"):
        tree.root.get(key)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="registry keys are strings"):
        tree.root[key]  # type: ignore[index]
    with pytest.raises(TypeError, match="registry keys are strings"):
        _ = key in tree.root


@pytest.mark.parametrize("key", [["A"], {"A": 1}, {"A"}])
def test_an_unhashable_key_raises_type_error(tree: Tree, key: object) -> None:
    with pytest.raises(TypeError, match=f"registry keys are strings, not {type(key).__name__}"):
        tree.root.get(key)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="registry keys are strings"):
        tree.root[key]  # type: ignore[index]
    with pytest.raises(TypeError, match="registry keys are strings"):
        _ = key in tree.root


def test_a_str_subclass_key_resolves_like_the_string(tree: Tree) -> None:
    class Key(str):
        __slots__ = ()

    assert tree.root.get(Key("A")) is own(tree.root, "A")
    assert Key("det.Detector") in tree.root


# -- nothing is imported from a key ------------------------------------------------------------


def test_a_module_name_as_key_is_a_miss_and_imports_nothing(tree: Tree) -> None:
    before = set(sys.modules)
    assert tree.root.get("json") is None
    assert tree.root.get("os.path") is None
    assert tree.root.get("os") is None
    assert "os.path" not in tree.root
    assert "json.JSONDecoder" not in tree.det
    assert set(sys.modules) == before


def test_a_key_naming_an_importable_module_never_imports_it(
    tree: Tree, write_module: ModuleWriter, holder: Any
) -> None:
    write_module("canary_mod", "import tr_holder\ntr_holder.count += 1\nclass Bird: pass\n")
    write_module("canary_pkg.sub", "import tr_holder\ntr_holder.count += 1\nclass Bird: pass\n")
    keys = ["canary_mod", "canary_mod.Bird", "canary_pkg.sub.Bird", "canary_pkg.sub"]
    for key in keys:
        assert tree.root.get(key) is None
        assert key not in tree.det
        with pytest.raises(NotRegisteredError):
            tree.root[key]
        with pytest.raises(NotRegisteredError):
            tree.root.build({"type": key})
    assert "canary_mod" not in sys.modules
    assert "canary_pkg" not in sys.modules
    assert holder.count == 0


# -- caching never hides a change ---------------------------------------------------------------


def test_a_registration_in_the_parent_after_a_child_lookup_is_seen() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    assert child.get("Late") is None
    late = entry("Late")
    root.register_module(module=late)
    assert child.get("Late") is late


def test_a_forced_replacement_in_the_parent_after_a_cached_child_hit_is_seen() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    root.register_module("Net", module=int)
    assert child.get("Net") is int
    assert child.get("Net") is int
    root.register_module("Net", force=True, module=float)
    assert child.get("Net") is float
    assert child["Net"] is float


def test_a_child_registration_after_a_cached_parent_hit_shadows_it_for_the_child() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    root.register_module("Net", module=int)
    assert child.get("Net") is int
    child.register_module("Net", module=float)
    assert child.get("Net") is float
    assert root.get("Net") is int


def test_a_forced_replacement_in_a_sibling_is_seen_through_a_cached_scoped_key() -> None:
    root = Registry("models", scope="root")
    left = Registry("models", scope="left", parent=root)
    right = Registry("models", scope="right", parent=root)
    right.register_module("Net", module=int)
    assert left.get("right.Net") is int
    right.register_module("Net", force=True, module=float)
    assert left.get("right.Net") is float


def test_a_new_child_is_reachable_by_scope_after_earlier_misses() -> None:
    root = Registry("models", scope="root")
    assert root.get("late.Net") is None
    late = Registry("models", scope="late", parent=root)
    late.register_module("Net", module=int)
    assert root.get("late.Net") is int


def test_a_new_grandchild_shadows_nothing_above_it() -> None:
    root = Registry("models", scope="root")
    root.register_module("Net", module=int)
    child = Registry("models", scope="child", parent=root)
    assert child.get("Net") is int
    grandchild = Registry("models", scope="grandchild", parent=child)
    grandchild.register_module("Net", module=float)
    assert child.get("Net") is int
    assert grandchild.get("Net") is float


class Old:
    def __init__(self, x: int) -> None:
        self.x = x


class New(Old):
    pass


def test_a_forced_replacement_is_seen_by_the_cached_fast_path_of_build() -> None:
    reg = Registry("models", scope="root")
    reg.register_module("Net", module=Old)
    assert type(reg.build({"type": "Net", "x": 7})) is Old
    assert type(reg.build({"type": "Net", "x": 7})) is Old
    reg.register_module("Net", force=True, module=New)
    built = reg.build({"type": "Net", "x": 7})
    assert type(built) is New
    assert built.x == 7


def test_a_child_registration_is_seen_by_the_cached_fast_path_of_the_childs_build() -> None:
    root = Registry("models", scope="root")
    child = Registry("models", scope="child", parent=root)
    root.register_module("Net", module=Old)
    assert type(child.build({"type": "Net", "x": 1})) is Old
    assert type(child.build({"type": "Net", "x": 1})) is Old
    child.register_module("Net", module=New)
    assert type(child.build({"type": "Net", "x": 1})) is New
    assert type(root.build({"type": "Net", "x": 1})) is Old


# -- respelling an unknown scope (the rule behind 'did you mean' for scopes) --------------------


def test_respell_scope_offers_only_respellings_that_resolve(tree: Tree) -> None:
    def every_scope(word: str, known: list[str]) -> list[str]:
        return known

    respelled = _resolution.respell_scope(_VIEW, tree.root, "nowhere.Detector", every_scope)
    assert respelled == ["det.Detector", "little.Detector"]


def test_respell_scope_of_a_key_whose_scopes_all_exist_offers_nothing(tree: Tree) -> None:
    def every_scope(word: str, known: list[str]) -> list[str]:
        return known

    assert _resolution.respell_scope(_VIEW, tree.root, "det.Missing", every_scope) == []
    assert _resolution.respell_scope(_VIEW, tree.root, "Missing", every_scope) == []


class CountingKey(str):
    """A key that counts the characters its splits scan (and whose parts count too)."""

    scanned = 0

    def split(self, sep: str | None = None, maxsplit: int = -1) -> list[str]:  # type: ignore[override]
        CountingKey.scanned += len(self)
        return [CountingKey(part) for part in str.split(self, sep, maxsplit)]


def test_resolving_a_scoped_key_scans_it_a_bounded_number_of_times() -> None:
    # 'loop.loop. ... .X': every scope is found, so the whole key is resolved. Splitting the
    # rest again at each dot scanned it once per scope: quadratic in its length.
    reg: Registry[Any] = Registry("models", scope="loop")
    reg.register_module("X", module=int)
    key = CountingKey("loop." * 2000 + "X")
    CountingKey.scanned = 0
    assert reg.get(key) is int
    assert CountingKey.scanned <= 2 * len(key)
